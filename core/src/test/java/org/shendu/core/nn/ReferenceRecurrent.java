package org.shendu.core.nn;

import java.util.Map;
import org.shendu.core.Tensor;

/**
 * A float64 naive recurrent network written from PyTorch's formulas (nn.LSTM, nn.GRU, nn.RNN), one
 * sequence and one step at a time: the reference the layers are checked against.
 */
final class ReferenceRecurrent {
    /** Top-layer outputs {@code [T][B][D H]}, final h and c {@code [L D][B][H]}. */
    record Result(double[][][] output, double[][][] h, double[][][] c) {}

    private ReferenceRecurrent() {}

    static double[][][] toArray(Tensor t) {
        float[] v = t.toFloatArray();
        int a = t.dim(0), b = t.dim(1), c = t.dim(2);
        double[][][] out = new double[a][b][c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int k = 0; k < c; k++) {
                    out[i][j][k] = v[(i * b + j) * c + k];
                }
            }
        }
        return out;
    }

    private static double sigma(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** x is sequence-major {@code [T][B][I]}; h0, c0 may be null (zeros); lengths null = full. */
    static Result run(Recurrent.Cell cell, Map<String, Tensor> params, int layers, boolean bidirectional,
                      int hidden, double[][][] x, int[] lengths, double[][][] h0, double[][][] c0) {
        int steps = x.length, batch = x[0].length, dirs = bidirectional ? 2 : 1, H = hidden;
        double[][][] in = x;
        double[][][] hN = new double[layers * dirs][batch][H], cN = new double[layers * dirs][batch][H];
        for (int l = 0; l < layers; l++) {
            double[][][] out = new double[steps][batch][dirs * H];
            for (int d = 0; d < dirs; d++) {
                int k = l * dirs + d;
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                double[][] wIh = matrix(params.get("weight_ih" + sfx)), wHh = matrix(params.get("weight_hh" + sfx));
                double[] bIh = vector(params.get("bias_ih" + sfx)), bHh = vector(params.get("bias_hh" + sfx));
                for (int b = 0; b < batch; b++) {
                    int len = lengths == null ? steps : lengths[b];
                    double[] h = h0 == null ? new double[H] : h0[k][b].clone();
                    double[] c = c0 == null ? new double[H] : c0[k][b].clone();
                    for (int s = 0; s < len; s++) {
                        int t = d == 0 ? s : len - 1 - s;
                        double[] px = affine(wIh, in[t][b], bIh), ph = affine(wHh, h, bHh);
                        double[] hNew = new double[H];
                        for (int j = 0; j < H; j++) {
                            switch (cell) {
                                case LSTM -> {
                                    double i = sigma(px[j] + ph[j]), f = sigma(px[H + j] + ph[H + j]);
                                    double g = Math.tanh(px[2 * H + j] + ph[2 * H + j]);
                                    double o = sigma(px[3 * H + j] + ph[3 * H + j]);
                                    c[j] = f * c[j] + i * g;
                                    hNew[j] = o * Math.tanh(c[j]);
                                }
                                case GRU -> {
                                    double r = sigma(px[j] + ph[j]), z = sigma(px[H + j] + ph[H + j]);
                                    double n = Math.tanh(px[2 * H + j] + r * ph[2 * H + j]);
                                    hNew[j] = (1 - z) * n + z * h[j];
                                }
                                case RNN_TANH -> hNew[j] = Math.tanh(px[j] + ph[j]);
                                case RNN_RELU -> hNew[j] = Math.max(0, px[j] + ph[j]);
                            }
                        }
                        h = hNew;
                        System.arraycopy(h, 0, out[t][b], d * H, H);
                    }
                    hN[k][b] = h;
                    cN[k][b] = c;
                }
            }
            in = out;
        }
        return new Result(in, hN, cN);
    }

    private static double[] affine(double[][] w, double[] v, double[] bias) {
        double[] y = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            double s = bias[r];
            for (int j = 0; j < v.length; j++) {
                s += w[r][j] * v[j];
            }
            y[r] = s;
        }
        return y;
    }

    private static double[][] matrix(Tensor t) {
        float[] v = t.toFloatArray();
        int rows = t.dim(0), cols = t.dim(1);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                m[r][j] = v[r * cols + j];
            }
        }
        return m;
    }

    private static double[] vector(Tensor t) {
        float[] v = t.toFloatArray();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
