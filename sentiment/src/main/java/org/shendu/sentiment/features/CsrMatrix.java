package org.shendu.sentiment.features;

import java.util.Arrays;
import org.shendu.core.Parallel;

/**
 * A sparse matrix in compressed sparse row (CSR) form, the layout scikit-learn's vectorizers
 * produce: row {@code i} holds the column indices {@code indices[indptr[i] .. indptr[i+1])}
 * (ascending, no repeats) and their values. Values are single precision (they are counts,
 * TF-IDF weights or scaled indicators); every product accumulates in double precision.
 *
 * <p>Immutable once built. The products used by the solvers ({@link #multiply},
 * {@link #transposeMultiply}) split the rows into blocks and run them on several threads when
 * asked to.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;
    /** Lazily built column-major copy: makes {@code X^T u} a gather instead of a scatter. */
    private volatile CsrMatrix transposed;

    /** Wraps the three CSR arrays (not copied); checks their shape. */
    public CsrMatrix(int rows, int cols, int[] indptr, int[] indices, float[] values) {
        if (indptr.length != rows + 1 || indptr[0] != 0 || indices.length < indptr[rows]
                || values.length < indptr[rows]) {
            throw new IllegalArgumentException("inconsistent CSR arrays for a " + rows + " x " + cols + " matrix");
        }
        this.rows = rows;
        this.cols = cols;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
    }

    /** A dense matrix ({@code data[i]} is row {@code i}) stored as CSR, zeros included. */
    public static CsrMatrix ofDense(double[][] data, int cols) {
        int rows = data.length;
        int[] indptr = new int[rows + 1];
        int[] indices = new int[rows * cols];
        float[] values = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                indices[i * cols + j] = j;
                values[i * cols + j] = (float) data[i][j];
            }
            indptr[i + 1] = (i + 1) * cols;
        }
        return new CsrMatrix(rows, cols, indptr, indices, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return indptr[rows];
    }

    public int rowStart(int i) {
        return indptr[i];
    }

    public int rowEnd(int i) {
        return indptr[i + 1];
    }

    /** Column index of stored entry {@code k}. */
    public int index(int k) {
        return indices[k];
    }

    /** Value of stored entry {@code k}. */
    public float value(int k) {
        return values[k];
    }

    /** The value at ({@code i}, {@code j}), zero when not stored (binary search in the row). */
    public float get(int i, int j) {
        int k = Arrays.binarySearch(indices, indptr[i], indptr[i + 1], j);
        return k >= 0 ? values[k] : 0f;
    }

    /** The rows {@code selected}, in that order. */
    public CsrMatrix selectRows(int[] selected) {
        int[] ptr = new int[selected.length + 1];
        for (int r = 0; r < selected.length; r++) {
            int i = selected[r];
            ptr[r + 1] = ptr[r] + indptr[i + 1] - indptr[i];
        }
        int[] idx = new int[ptr[selected.length]];
        float[] val = new float[ptr[selected.length]];
        for (int r = 0; r < selected.length; r++) {
            int i = selected[r];
            int len = indptr[i + 1] - indptr[i];
            System.arraycopy(indices, indptr[i], idx, ptr[r], len);
            System.arraycopy(values, indptr[i], val, ptr[r], len);
        }
        return new CsrMatrix(selected.length, cols, ptr, idx, val);
    }

    /** This matrix times {@code diag(scale)}: column {@code j} multiplied by {@code scale[j]}. */
    public CsrMatrix scaleColumns(double[] scale) {
        float[] val = new float[nnz()];
        for (int k = 0; k < val.length; k++) {
            val[k] = (float) (values[k] * scale[indices[k]]);
        }
        return new CsrMatrix(rows, cols, indptr, indices, val);
    }

    /** The same pattern with every stored value replaced by {@code f(value)}. */
    public CsrMatrix mapValues(java.util.function.DoubleUnaryOperator f) {
        float[] val = new float[nnz()];
        for (int k = 0; k < val.length; k++) {
            val[k] = (float) f.applyAsDouble(values[k]);
        }
        return new CsrMatrix(rows, cols, indptr, indices, val);
    }

    /** Each row divided by its Euclidean norm (rows of zeros stay zero), as scikit-learn's {@code norm='l2'}. */
    public CsrMatrix normalizeRowsL2() {
        float[] val = new float[nnz()];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                sum += (double) values[k] * values[k];
            }
            double inv = sum > 0 ? 1.0 / Math.sqrt(sum) : 0;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                val[k] = (float) (values[k] * inv);
            }
        }
        return new CsrMatrix(rows, cols, indptr, indices, val);
    }

    /** Each row divided by the sum of its absolute values, as scikit-learn's {@code norm='l1'}. */
    public CsrMatrix normalizeRowsL1() {
        float[] val = new float[nnz()];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                sum += Math.abs(values[k]);
            }
            double inv = sum > 0 ? 1.0 / sum : 0;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                val[k] = (float) (values[k] * inv);
            }
        }
        return new CsrMatrix(rows, cols, indptr, indices, val);
    }

    /** Column sums over the rows whose {@code mask} entry is true (all rows when {@code mask} is null). */
    public double[] columnSums(boolean[] mask) {
        double[] sums = new double[cols];
        for (int i = 0; i < rows; i++) {
            if (mask == null || mask[i]) {
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    sums[indices[k]] += values[k];
                }
            }
        }
        return sums;
    }

    /** The transpose, itself in CSR form (that is, this matrix in CSC form). Cached. */
    public CsrMatrix transpose() {
        CsrMatrix t = transposed;
        if (t == null) {
            int[] ptr = new int[cols + 1];
            for (int k = 0; k < nnz(); k++) {
                ptr[indices[k] + 1]++;
            }
            for (int j = 0; j < cols; j++) {
                ptr[j + 1] += ptr[j];
            }
            int[] next = Arrays.copyOf(ptr, cols);
            int[] idx = new int[nnz()];
            float[] val = new float[nnz()];
            for (int i = 0; i < rows; i++) {
                for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                    int p = next[indices[k]]++;
                    idx[p] = i;
                    val[p] = values[k];
                }
            }
            t = new CsrMatrix(cols, rows, ptr, idx, val);
            t.transposed = this;
            transposed = t;
        }
        return t;
    }

    /** {@code out = X v}, with the rows split over {@code threads} threads. */
    public void multiply(double[] v, double[] out, int threads) {
        forRowBlocks(threads, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = rowDot(i, v, false);
            }
        });
    }

    /**
     * Row i times v (with the row's values squared when {@code squared}). Four partial sums: one
     * sum waits for each addition before the next, four keep the adder busy (IMDB averaged word
     * vectors: rows of 100 entries, a third of the solver's time).
     */
    private double rowDot(int i, double[] v, boolean squared) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = indptr[i], end = indptr[i + 1];
        if (squared) {
            for (; k + 3 < end; k += 4) {
                s0 += (double) values[k] * values[k] * v[indices[k]];
                s1 += (double) values[k + 1] * values[k + 1] * v[indices[k + 1]];
                s2 += (double) values[k + 2] * values[k + 2] * v[indices[k + 2]];
                s3 += (double) values[k + 3] * values[k + 3] * v[indices[k + 3]];
            }
            for (; k < end; k++) {
                s0 += (double) values[k] * values[k] * v[indices[k]];
            }
        } else {
            for (; k + 3 < end; k += 4) {
                s0 += values[k] * v[indices[k]];
                s1 += values[k + 1] * v[indices[k + 1]];
                s2 += values[k + 2] * v[indices[k + 2]];
                s3 += values[k + 3] * v[indices[k + 3]];
            }
            for (; k < end; k++) {
                s0 += values[k] * v[indices[k]];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code out = X^T u}: a product with the cached transpose, so each output is one gather. */
    public void transposeMultiply(double[] u, double[] out, int threads) {
        transpose().multiply(u, out, threads);
    }

    /** {@code out = (X∘X)^T u}: like {@link #transposeMultiply} with every value squared. */
    public void transposeMultiplySquared(double[] u, double[] out, int threads) {
        CsrMatrix t = transpose();
        t.forRowBlocks(threads, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = t.rowDot(i, u, true);
            }
        });
    }

    /** Rows split into about equal-work blocks (by stored entries), one task per block. */
    void forRowBlocks(int threads, RowBlock block) {
        if (threads <= 1 || rows < 2 * threads) {
            block.run(0, rows);
            return;
        }
        int blocks = threads * 4;
        int[] bounds = new int[blocks + 1];
        long total = nnz();
        int row = 0;
        for (int b = 1; b < blocks; b++) {
            long target = total * b / blocks;
            while (row < rows && indptr[row] < target) {
                row++;
            }
            bounds[b] = row;
        }
        bounds[blocks] = rows;
        Parallel.run(threads, blocks, b -> {
            if (bounds[b] < bounds[b + 1]) {
                block.run(bounds[b], bounds[b + 1]);
            }
        });
    }

    /** A half-open range of rows to process. */
    @FunctionalInterface
    interface RowBlock {
        void run(int from, int to);
    }

    /** A dense copy of row {@code i} written into {@code dense} (which must be zero where the row is not stored). */
    public void scatterRow(int i, float[] dense) {
        for (int k = indptr[i]; k < indptr[i + 1]; k++) {
            dense[indices[k]] = values[k];
        }
    }

    /** Undoes {@link #scatterRow}: zeroes the stored positions of row {@code i} in {@code dense}. */
    public void clearRow(int i, float[] dense) {
        for (int k = indptr[i]; k < indptr[i + 1]; k++) {
            dense[indices[k]] = 0f;
        }
    }
}
