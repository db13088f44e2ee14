package org.shendu.backend.cuda;

import java.util.Arrays;

/**
 * Index maps for broadcasting, computed on the host before a launch: neighbouring axes that
 * broadcast the same way are merged (as the CPU backend does), so the kernels see few axes and
 * the common cases ({@code [N,C,H,W] + [1,C,1,1]}) cost little index arithmetic.
 */
final class Broadcast {
    private Broadcast() {}

    /**
     * Merges neighbouring axes of {@code c} where {@code a} and {@code b} broadcast alike and drops
     * axes of size 1. Returns {c dims, a dims, b dims}, at least one axis.
     */
    static int[][] coalesce(int[] a, int[] b, int[] c) {
        int[] oc = new int[c.length], oa = new int[c.length], ob = new int[c.length];
        int r = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] == 1) {
                continue;
            }
            boolean aB = a[i] == 1, bB = b[i] == 1;
            if (r > 0 && (oa[r - 1] == 1) == aB && (ob[r - 1] == 1) == bB) {
                oc[r - 1] *= c[i];
                oa[r - 1] *= a[i];
                ob[r - 1] *= b[i];
            } else {
                oc[r] = c[i];
                oa[r] = a[i];
                ob[r] = b[i];
                r++;
            }
        }
        if (r == 0) {
            return new int[][] {{1}, {1}, {1}};
        }
        return new int[][] {Arrays.copyOf(oc, r), Arrays.copyOf(oa, r), Arrays.copyOf(ob, r)};
    }

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
        int[][] co = coalesce(yShape, yShape, xShape);
        int[] xd = co[0], yd = co[1];
        int r = xd.length;
        int[] stride = new int[r];
        int acc = 1;
        for (int i = r - 1; i >= 0; i--) {
            stride[i] = acc;
            acc *= xd[i];
        }
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
