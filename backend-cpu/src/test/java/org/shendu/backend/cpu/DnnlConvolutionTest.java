package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shendu.core.spi.ConvGeometry;

/**
 * oneDNN's three convolution primitives against a float64 direct convolution: odd sizes, strides
 * whose last window leaves input unread (right padding below the left), one and several input
 * channels, accumulation into the weight gradient, and on one and two threads (the batch in
 * slices, one of them smaller: batches of 3 and 5 images).
 */
class DnnlConvolutionTest {
    private static final ConvGeometry[] GEOMETRIES = {
            new ConvGeometry(3, 1, 9, 9, 5, 5, 1, 2),
            new ConvGeometry(5, 5, 7, 6, 3, 3, 1, 1),
            new ConvGeometry(2, 3, 8, 8, 4, 4, 2, 1),
            new ConvGeometry(2, 4, 5, 5, 2, 2, 2, 0),   // the last row and column are never read
            new ConvGeometry(1, 17, 4, 4, 4, 4, 1, 0),  // one output pixel, channels not a multiple of 8
    };
    private static final int[] OUT_CHANNELS = {4, 3, 16, 5, 9};

    @Test
    void loadsOnThisPlatform() {
        assertTrue(DnnlConvolution.loaded(), DnnlConvolution.describe());
    }

    @Test
    void matchesFloat64DirectConvolution() {
        Random r = new Random(11);
        for (int threads = 1; threads <= 2; threads++) {
            DnnlConvolution conv = new DnnlConvolution(new Parallel(threads));
            for (int i = 0; i < GEOMETRIES.length; i++) {
                ConvGeometry g = GEOMETRIES[i];
                int O = OUT_CHANNELS[i];
                String at = g + " -> " + O + " on " + threads + " threads";
                float[] x = random(r, g.batch() * g.channels() * g.height() * g.width());
                float[] w = random(r, O * g.colRows());
                float[] gy = random(r, g.batch() * O * g.colCols());

                float[] y = new float[gy.length];
                assertTrue(conv.forward(x, w, O, g, y), at);
                assertClose(forward(x, w, O, g), y, g.colRows(), at + " forward");

                float[] gx = random(r, x.length);
                assertTrue(conv.backwardData(gy, w, O, g, gx), at);
                assertClose(backwardData(gy, w, O, g), gx, O * g.kernelH() * g.kernelW(), at + " backward data");

                float[] gw = random(r, w.length), before = gw.clone();
                double[] want = backwardWeights(x, gy, O, g);
                assertTrue(conv.backwardWeights(x, gy, O, g, gw, true), at);
                double[] plus = want.clone();
                for (int j = 0; j < plus.length; j++) {
                    plus[j] += before[j];
                }
                assertClose(plus, gw, g.batch() * g.colCols(), at + " backward weights, accumulated");
                assertTrue(conv.backwardWeights(x, gy, O, g, gw, false), at);
                assertClose(want, gw, g.batch() * g.colCols(), at + " backward weights");
            }
        }
    }

    /**
     * Slices of one geometry running at once on two threads give what one thread gives, every time:
     * a DCGAN-sized layer, whose kernels use a scratchpad (shared between threads, they overwrote
     * each other's partial sums before the scratchpad became the calling thread's).
     */
    @Test
    void twoThreadsAtOnceAgreeWithOne() {
        Random r = new Random(5);
        ConvGeometry g = new ConvGeometry(16, 64, 16, 16, 4, 4, 2, 1);
        int O = 128;
        float[] x = random(r, g.batch() * g.channels() * g.height() * g.width());
        float[] w = random(r, O * g.colRows());
        float[] gy = random(r, g.batch() * O * g.colCols());
        DnnlConvolution one = new DnnlConvolution(new Parallel(1)), two = new DnnlConvolution(new Parallel(2));
        float[][] want = {new float[gy.length], new float[x.length], new float[w.length]};
        one.forward(x, w, O, g, want[0]);
        one.backwardData(gy, w, O, g, want[1]);
        one.backwardWeights(x, gy, O, g, want[2], false);
        for (int round = 0; round < 5; round++) {
            float[][] got = {new float[gy.length], new float[x.length], new float[w.length]};
            assertTrue(two.forward(x, w, O, g, got[0]));
            assertTrue(two.backwardData(gy, w, O, g, got[1]));
            assertTrue(two.backwardWeights(x, gy, O, g, got[2], false));
            String[] ops = {"forward", "backward data", "backward weights"};
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < want[k].length; i++) {
                    assertEquals(want[k][i], got[k][i], 1e-3f * Math.max(1, Math.abs(want[k][i])),
                            ops[k] + " round " + round + " [" + i + "]");
                }
            }
        }
    }

    /** Visits every (image, out channel, output pixel, in channel, tap) that reads a real input pixel. */
    private interface Tap {
        void at(int yi, int xi, int wi);
    }

    private static void taps(int O, ConvGeometry g, Tap tap) {
        int C = g.channels(), H = g.height(), W = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int oh = g.outHeight(), ow = g.outWidth(), s = g.stride(), p = g.padding();
        for (int n = 0; n < g.batch(); n++) {
            for (int o = 0; o < O; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        for (int c = 0; c < C; c++) {
                            for (int ki = 0; ki < kh; ki++) {
                                for (int kj = 0; kj < kw; kj++) {
                                    int iy = oy * s - p + ki, ix = ox * s - p + kj;
                                    if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                                        tap.at(((n * O + o) * oh + oy) * ow + ox, ((n * C + c) * H + iy) * W + ix,
                                                ((o * C + c) * kh + ki) * kw + kj);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] forward(float[] x, float[] w, int O, ConvGeometry g) {
        double[] y = new double[g.batch() * O * g.colCols()];
        taps(O, g, (yi, xi, wi) -> y[yi] += (double) x[xi] * w[wi]);
        return y;
    }

    private static double[] backwardData(float[] gy, float[] w, int O, ConvGeometry g) {
        double[] gx = new double[g.batch() * g.channels() * g.height() * g.width()];
        taps(O, g, (yi, xi, wi) -> gx[xi] += (double) gy[yi] * w[wi]);
        return gx;
    }

    private static double[] backwardWeights(float[] x, float[] gy, int O, ConvGeometry g) {
        double[] gw = new double[O * g.colRows()];
        taps(O, g, (yi, xi, wi) -> gw[wi] += (double) gy[yi] * x[xi]);
        return gw;
    }

    private static void assertClose(double[] want, float[] got, int terms, String what) {
        assertEquals(want.length, got.length, what);
        double tol = 1e-5 * Math.sqrt(terms) * 4;
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), what + " [" + i + "]");
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
