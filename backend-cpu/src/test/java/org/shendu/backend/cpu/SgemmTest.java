package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-row product path against a float64 reference, with offsets, odd widths and accumulation. */
class SgemmTest {
    @Test
    void oneRowTimesTransposedMatchesFloat64() {
        Random r = new Random(3);
        for (int[] nk : new int[][] {{1, 1}, {3, 5}, {4, 7}, {13, 64}, {6000, 256}}) {
            int n = nk[0], k = nk[1];
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] a = random(r, k + 2), b = random(r, n * k + 3), c = random(r, n + 1);
                float[] before = c.clone();
                Sgemm.gemm(a, 2, r.nextBoolean(), b, 3, true, c, 1, 1, n, k, accumulate);
                for (int j = 0; j < n; j++) {
                    double want = accumulate ? before[1 + j] : 0;
                    for (int p = 0; p < k; p++) {
                        want += (double) a[2 + p] * b[3 + j * k + p];
                    }
                    assertEquals(want, c[1 + j], 1e-5 * Math.sqrt(k) * 4, n + "x" + k + " [" + j + "]");
                }
                assertEquals(before[0], c[0], 0f, "the entry before the offset is untouched");
            }
        }
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
