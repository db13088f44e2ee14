package org.shendu.core;

import java.util.Arrays;

/** The dimensions of a tensor, outermost first (row-major). Immutable. */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; negative axes count from the end as in PyTorch. */
    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (1 for a scalar of rank 0). */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The product of the dimensions from {@code from} (inclusive) to {@code to} (exclusive). */
    public int product(int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return Math.toIntExact(n);
    }

    /**
     * The shape both operands broadcast to, NumPy style: trailing dimensions align and a 1 stretches.
     */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.rank()) >= 0 ? a.dims[i - (rank - a.rank())] : 1;
            int db = i - (rank - b.rank()) >= 0 ? b.dims[i - (rank - b.rank())] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new ShenduException("shapes " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** This shape padded with leading 1s to {@code rank} dimensions. */
    public int[] padTo(int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(dims, 0, out, rank - dims.length, dims.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
