package org.shendu.backend.cpu;

import org.shendu.core.spi.LstmGeometry;

/**
 * The LSTM layer fused over the whole sequence, as cuDNN does it: one big product for the input
 * projections of all steps, one small product per step for the recurrence, the gate arithmetic in
 * one loop per step, and in the backward pass the weight gradients as single products over all
 * steps. The saved state has the same layout as the composed default: activated gates
 * {@code [T, B, 4H]}, cell states {@code [T, B, H]}, hidden states {@code [T, B, H]}.
 */
final class CpuLstm {
    private final CpuBackend backend;

    CpuLstm(CpuBackend backend) {
        this.backend = backend;
    }

    static long reserveLength(LstmGeometry g) {
        return (long) g.steps() * g.batch() * g.hiddenSize() * 6;
    }

    private static boolean inside(int[] lengths, int b, int t) {
        return lengths == null || t < lengths[b];
    }

    void forward(LstmGeometry geo, float[] x, float[] wIh, float[] wHh, float[] bIh, float[] bHh, float[] h0,
                 float[] c0, int[] lengths, float[] y, float[] h, float[] c, float[] reserve) {
        int T = geo.steps(), B = geo.batch(), I = geo.inputSize(), H = geo.hiddenSize(), G4 = 4 * H;
        int gatesLen = B * G4, stateLen = B * H;
        int cBase = T * gatesLen, hBase = cBase + T * stateLen;
        float[] xg = new float[T * gatesLen];
        Sgemm.gemm(x, 0, false, wIh, 0, true, xg, 0, T * B, G4, I, false);
        float[] bias = new float[G4];
        for (int j = 0; j < G4; j++) {
            bias[j] = bIh[j] + bHh[j];
        }
        System.arraycopy(h0, 0, h, 0, stateLen);
        System.arraycopy(c0, 0, c, 0, stateLen);
        float[] gates = new float[gatesLen];
        for (int t = 0; t < T; t++) {
            final int step = t;
            Sgemm.gemm(h, 0, false, wHh, 0, true, gates, 0, B, G4, H, false);
            backend.parallel.forRange(B, G4 * 8L, (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    int go = b * G4, xo = step * gatesLen + go, ro = step * gatesLen + go, so = b * H;
                    int yo = step * stateLen + so;
                    if (!inside(lengths, b, step)) {
                        for (int j = 0; j < H; j++) {
                            y[yo + j] = 0f;
                        }
                        continue;
                    }
                    Kernels.lstmCell(gates, go, xg, xo, bias, c, h, so, y, yo, reserve, ro, H);
                }
            });
            System.arraycopy(c, 0, reserve, cBase + t * stateLen, stateLen);
            System.arraycopy(h, 0, reserve, hBase + t * stateLen, stateLen);
        }
    }

    void backward(LstmGeometry geo, float[] x, float[] wIh, float[] wHh, float[] h0, float[] c0, int[] lengths,
                  float[] reserve, float[] gy, float[] ghT, float[] gcT, float[] gx, float[] gwIh, float[] gwHh,
                  float[] gbIh, float[] gbHh, float[] dh, float[] dc) {
        int T = geo.steps(), B = geo.batch(), I = geo.inputSize(), H = geo.hiddenSize(), G4 = 4 * H;
        int gatesLen = B * G4, stateLen = B * H;
        int cBase = T * gatesLen, hBase = cBase + T * stateLen;
        float[] dG = new float[T * gatesLen];
        float[] dhNew = new float[stateLen];
        System.arraycopy(ghT, 0, dh, 0, stateLen);
        System.arraycopy(gcT, 0, dc, 0, stateLen);
        for (int t = T - 1; t >= 0; t--) {
            final int step = t;
            backend.parallel.forRange(B, G4 * 6L, (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    int go = b * G4, ro = step * gatesLen + go, so = b * H;
                    if (!inside(lengths, b, step)) {
                        continue; // dG stays 0 here
                    }
                    int cOff = cBase + step * stateLen + so;
                    float[] cPrev = step > 0 ? reserve : c0;
                    int cpo = step > 0 ? cBase + (step - 1) * stateLen + so : so;
                    Kernels.lstmCellBackward(reserve, ro, cOff, cPrev, cpo, dh, gy, step * stateLen + so, dc, so,
                            dG, ro, H);
                }
            });
            Sgemm.gemm(dG, t * gatesLen, false, wHh, 0, false, dhNew, 0, B, H, G4, false);
            for (int b = 0; b < B; b++) {
                if (inside(lengths, b, t)) {
                    System.arraycopy(dhNew, b * H, dh, b * H, H);
                }
            }
        }
        float[] hPrev = new float[T * stateLen];
        System.arraycopy(h0, 0, hPrev, 0, stateLen);
        System.arraycopy(reserve, hBase, hPrev, stateLen, (T - 1) * stateLen);
        Sgemm.gemm(dG, 0, false, wIh, 0, false, gx, 0, T * B, I, G4, false);
        Sgemm.gemm(dG, 0, true, x, 0, false, gwIh, 0, G4, I, T * B, true);
        Sgemm.gemm(dG, 0, true, hPrev, 0, false, gwHh, 0, G4, H, T * B, true);
        float[] gb = new float[G4];
        for (int r = 0; r < T * B; r++) {
            int o = r * G4;
            for (int j = 0; j < G4; j++) {
                gb[j] += dG[o + j];
            }
        }
        for (int j = 0; j < G4; j++) {
            gbIh[j] += gb[j];
            gbHh[j] += gb[j];
        }
    }
}
