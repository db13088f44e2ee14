package org.shendu.backend.cuda;

import java.util.Arrays;
import org.shendu.core.spi.AxisLayout;

/**
 * Index maps for broadcasting, computed on the host before a launch: neighbouring axes that
 * broadcast the same way are merged ({@link AxisLayout#coalesce}, as the CPU backend does), so the kernels see few axes and
 * the common cases ({@code [N,C,H,W] + [1,C,1,1]}) cost little index arithmetic.
 */
final class Broadcast {
    private Broadcast() {}

    /**
     * How {@code sum_to} walks x: the kept axes number the outputs (in y's row-major order), the
     * reduced axes number the terms of each sum; strides are x's.
     */
    record Reduction(int[] keptDims, int[] keptStrides, int[] reducedDims, int[] reducedStrides,
                     int outputs, int terms) {

        /** A sum over the rows of a row-major {@code [terms, outputs]} matrix (a bias gradient). */
        boolean columnSum() {
            return keptDims.length == 1 && keptStrides[0] == 1 && reducedDims.length == 1
                    && reducedStrides[0] == outputs;
        }
    }

    static Reduction reduction(int[] xShape, int[] yShape) {
        int[][] co = AxisLayout.coalesce(yShape, yShape, xShape);
        int[] xd = co[0], yd = co[1];
        int r = xd.length;
        int[] stride = AxisLayout.strides(xd);
        int[] kd = new int[r], ks = new int[r], rd = new int[r], rs = new int[r];
        int nk = 0, nr = 0, outputs = 1, terms = 1;
        for (int i = 0; i < r; i++) {
            if (yd[i] == 1 && xd[i] != 1) {
                rd[nr] = xd[i];
                rs[nr++] = stride[i];
                terms *= xd[i];
            } else {
                kd[nk] = xd[i];
                ks[nk++] = stride[i];
                outputs *= xd[i];
            }
        }
        return new Reduction(Arrays.copyOf(kd, nk), Arrays.copyOf(ks, nk), Arrays.copyOf(rd, nr),
                Arrays.copyOf(rs, nr), outputs, terms);
    }
}
