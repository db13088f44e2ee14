package org.shendu.core.spi;

import java.util.Arrays;

/**
 * Index arithmetic every backend needs on dense row-major tensors, computed once on the host:
 * strides, the axes of a permuted view, and broadcast axes merged so that a kernel or loop walks
 * as few axes as possible.
 */
public final class AxisLayout {
    private AxisLayout() {}

    /** Row-major strides of {@code shape}: the last axis has stride 1. */
    public static int[] strides(int[] shape) {
        int[] stride = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = acc;
            acc *= shape[i];
        }
        return stride;
    }

    /**
     * Strides of an operand of shape {@code dims} read by broadcasting: its row-major strides, 0
     * on each axis of size 1 (so every index along it reads the same element).
     */
    public static int[] broadcastStrides(int[] dims) {
        int[] stride = strides(dims);
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                stride[i] = 0;
            }
        }
        return stride;
    }

    /**
     * The output of permuting {@code shape} by {@code axes} (output axis i is input axis
     * {@code axes[i]}): its dimensions, and for each the input's stride.
     */
    public record Permutation(int[] dims, int[] inputStrides) {
        public static Permutation of(int[] shape, int[] axes) {
            int[] inStride = strides(shape);
            int[] dims = new int[axes.length];
            int[] strides = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                dims[i] = shape[axes[i]];
                strides[i] = inStride[axes[i]];
            }
            return new Permutation(dims, strides);
        }
    }

    /**
     * Merges neighbouring axes of the output {@code c} where {@code a} and {@code b} broadcast
     * alike, and drops axes of size 1, so the inner loop runs over as many elements as possible:
     * {@code [N,C,H,W] + [1,C,1,1]} becomes {@code [N,C,HW] + [1,C,1]}. All three shapes have the
     * same rank. Returns {c dims, a dims, b dims}, at least one axis each.
     */
    public static int[][] coalesce(int[] a, int[] b, int[] c) {
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
}
