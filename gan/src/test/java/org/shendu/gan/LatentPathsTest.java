package org.shendu.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatentPathsTest {

    @Test
    void linearEndsAtBothPointsAndHalvesBetween() {
        float[] p = LatentPaths.linear(new float[] {0, 2}, new float[] {4, -2}, 3);
        assertArrayEquals(new float[] {0, 2, 2, 0, 4, -2}, p, 1e-6f);
    }

    /** Between orthogonal unit vectors the spherical path stays on the unit circle: (cos t pi/2, sin t pi/2). */
    @Test
    void sphericalFollowsTheGreatCircle() {
        float[] p = LatentPaths.spherical(new float[] {1, 0}, new float[] {0, 1}, 5);
        for (int s = 0; s < 5; s++) {
            double t = s / 4.0 * Math.PI / 2;
            assertEquals(Math.cos(t), p[2 * s], 1e-6);
            assertEquals(Math.sin(t), p[2 * s + 1], 1e-6);
        }
        // parallel end points: the linear path
        assertArrayEquals(new float[] {1, 1, 2, 2}, LatentPaths.spherical(new float[] {1, 1}, new float[] {2, 2}, 2), 1e-6f);
    }

    @Test
    void traverseSweepsOneDimension() {
        float[] p = LatentPaths.traverse(new float[] {5, 6, 7}, 1, 2f, 3);
        assertArrayEquals(new float[] {5, -2, 7, 5, 0, 7, 5, 2, 7}, p, 1e-6f);
    }
}
