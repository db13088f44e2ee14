package org.shendu.sentiment.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CsrMatrixTest {

    static double[][] randomSparse(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (r.nextDouble() < 0.2) {
                    d[i][j] = (float) r.nextGaussian();
                }
            }
        }
        return d;
    }

    static CsrMatrix toCsr(double[][] d) {
        int rows = d.length;
        int cols = d[0].length;
        int[] ptr = new int[rows + 1];
        int[] idx = new int[rows * cols];
        float[] val = new float[rows * cols];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (d[i][j] != 0) {
                    idx[n] = j;
                    val[n++] = (float) d[i][j];
                }
            }
            ptr[i + 1] = n;
        }
        return new CsrMatrix(rows, cols, ptr, idx, val);
    }

    @Test
    void productsMatchNaiveDoublePrecision() {
        double[][] d = randomSparse(300, 50, 1);
        CsrMatrix x = toCsr(d);
        Random r = new Random(2);
        double[] v = r.doubles(50).toArray();
        double[] u = r.doubles(300).toArray();
        for (int threads : new int[] {1, 3}) {
            double[] xv = new double[300];
            x.multiply(v, xv, threads);
            double[] xtu = new double[50];
            x.transposeMultiply(u, xtu, threads);
            double[] x2tu = new double[50];
            x.transposeMultiplySquared(u, x2tu, threads);
            for (int i = 0; i < 300; i++) {
                double s = 0;
                for (int j = 0; j < 50; j++) {
                    s += d[i][j] * v[j];
                }
                assertEquals(s, xv[i], 1e-9);
            }
            for (int j = 0; j < 50; j++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < 300; i++) {
                    s += d[i][j] * u[i];
                    s2 += d[i][j] * d[i][j] * u[i];
                }
                assertEquals(s, xtu[j], 1e-9);
                assertEquals(s2, x2tu[j], 1e-9);
            }
        }
    }

    @Test
    void selectsScalesAndNormalises() {
        double[][] d = {{3, 0, 4}, {0, 0, 0}, {1, 2, 0}};
        CsrMatrix x = toCsr(new double[][] {{3, 0, 4}, {0, 0, 1e-30}, {1, 2, 0}});
        CsrMatrix picked = x.selectRows(new int[] {2, 0});
        assertEquals(2f, picked.get(0, 1));
        assertEquals(4f, picked.get(1, 2));
        CsrMatrix l2 = x.normalizeRowsL2();
        assertEquals(0.6f, l2.get(0, 0), 1e-7);
        assertEquals(0.8f, l2.get(0, 2), 1e-7);
        CsrMatrix scaled = x.scaleColumns(new double[] {2, 3, 0.5});
        assertEquals(6f, scaled.get(2, 1));
        assertArrayEquals(new double[] {4, 2, 4}, x.columnSums(new boolean[] {true, false, true}), 1e-6);
        assertEquals(d[0][2], x.transpose().get(2, 0));
    }
}
