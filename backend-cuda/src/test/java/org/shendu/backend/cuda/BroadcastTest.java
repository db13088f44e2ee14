package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shendu.core.spi.AxisLayout;

/**
 * The index maps the host computes for the broadcast kernels, run through a Java copy of the
 * kernels' index arithmetic ({@code binary_broadcast} and {@code sum_to}) and compared with naive
 * broadcasting: the part of those kernels that can be wrong without a GPU to show it.
 */
class BroadcastTest {
    private final Random random = new Random(7);

    private static int size(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }

    /** Index of {@code c}'s element {@code i} in an operand of shape {@code a} (same rank, broadcast). */
    private static int naiveIndex(int i, int[] a, int[] c) {
        int off = 0, mul = 1, rem = i;
        for (int d = c.length - 1; d >= 0; d--) {
            int idx = rem % c[d];
            rem /= c[d];
            off += (a[d] == 1 ? 0 : idx) * mul;
            mul *= a[d];
        }
        return off;
    }

    private int[] randomShape(int rank) {
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) s[i] = 1 + random.nextInt(4);
        return s;
    }

    private int[] broadcastOf(int[] c) {
        int[] a = c.clone();
        for (int i = 0; i < a.length; i++) if (random.nextInt(3) == 0) a[i] = 1;
        return a;
    }

    @Test
    void binaryBroadcastMapsMatchNaiveBroadcasting() {
        for (int trial = 0; trial < 300; trial++) {
            int[] c = randomShape(1 + random.nextInt(6));
            int[] a = broadcastOf(c), b = broadcastOf(c);
            int[][] co = AxisLayout.coalesce(a, b, c);
            int[] cd = co[0], ad = co[1], bd = co[2];
            int r = cd.length;
            int[] sa = AxisLayout.broadcastStrides(ad), sb = AxisLayout.broadcastStrides(bd);
            for (int i = 0; i < size(c); i++) {
                // binary_broadcast's loop
                long rem = i, oa = 0, ob = 0;
                for (int d = r - 1; d >= 0; d--) {
                    int idx = (int) (rem % cd[d]);
                    rem /= cd[d];
                    oa += (long) idx * sa[d];
                    ob += (long) idx * sb[d];
                }
                assertEquals(naiveIndex(i, a, c), oa);
                assertEquals(naiveIndex(i, b, c), ob);
            }
        }
    }

    @Test
    void sumToMapsMatchNaiveSums() {
        for (int trial = 0; trial < 300; trial++) {
            int[] x = randomShape(1 + random.nextInt(6));
            int[] y = broadcastOf(x);
            double[] xs = new double[size(x)];
            for (int i = 0; i < xs.length; i++) xs[i] = random.nextInt(100);
            double[] expected = new double[size(y)];
            for (int i = 0; i < xs.length; i++) expected[naiveIndex(i, y, x)] += xs[i];

            Broadcast.Reduction red = Broadcast.reduction(x, y);
            assertEquals(size(y), red.outputs());
            assertEquals(xs.length, red.outputs() * red.terms());
            double[] got = new double[red.outputs()];
            for (int j = 0; j < red.outputs(); j++) {
                // sum_to's loops
                long rem = j, base = 0;
                for (int d = red.keptDims().length - 1; d >= 0; d--) {
                    base += (rem % red.keptDims()[d]) * red.keptStrides()[d];
                    rem /= red.keptDims()[d];
                }
                for (int t = 0; t < red.terms(); t++) {
                    long rr = t, off = base;
                    for (int d = red.reducedDims().length - 1; d >= 0; d--) {
                        off += (rr % red.reducedDims()[d]) * red.reducedStrides()[d];
                        rr /= red.reducedDims()[d];
                    }
                    got[j] += xs[(int) off];
                }
            }
            assertArrayEquals(expected, got, 0.0);
        }
    }

    @Test
    void columnSumIsRecognised() {
        assertEquals(true, Broadcast.reduction(new int[] {4096, 6000}, new int[] {1, 6000}).columnSum());
        assertEquals(true, Broadcast.reduction(new int[] {8, 16, 6000}, new int[] {1, 1, 6000}).columnSum());
        assertEquals(false, Broadcast.reduction(new int[] {4096, 6000}, new int[] {4096, 1}).columnSum());
        assertEquals(false, Broadcast.reduction(new int[] {8, 16, 3, 3}, new int[] {1, 16, 1, 1}).columnSum());
    }

    @Test
    void poolBuckets() {
        assertEquals(256, DeviceMemoryPool.bucket(0));
        assertEquals(256, DeviceMemoryPool.bucket(256));
        assertEquals(512, DeviceMemoryPool.bucket(257));
        assertEquals(1 << 20, DeviceMemoryPool.bucket((1 << 20) - 1));
        assertEquals(2 << 20, DeviceMemoryPool.bucket((1 << 20) + 1));
        assertEquals(4 << 20, DeviceMemoryPool.bucket((2 << 20) + 1));
    }
}
