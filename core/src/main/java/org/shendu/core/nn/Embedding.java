package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/**
 * A lookup table {@code y[..., :] = W[ids[...], :]} with {@code W [vocabulary, dim]}, initialised
 * N(0, 1) as in PyTorch. Its gradient is dense (scatter-added rows), as in the anchors.
 *
 * <p>With a padding index (PyTorch's {@code padding_idx}) that row never receives a gradient, so no
 * optimizer moves it; a new table starts it at zero, {@link #fromPretrained} keeps the row it is
 * given. The padded positions are routed through a detached copy of the table, selected by a
 * constant 0/1 column gathered with the same ids, so no host read and no new primitive is needed.
 */
public final class Embedding extends Module {
    /** No padding index. */
    public static final int NO_PADDING = -1;

    private final Tensor weight;
    private final int paddingIndex;
    /** {@code [vocabulary, 1]}: 1 for real rows, 0 for the padding row (null without padding). */
    private final Tensor keepColumn;

    public Embedding(Device device, int vocabulary, int dim) {
        this(device, vocabulary, dim, NO_PADDING);
    }

    /** A table whose row {@code paddingIndex} starts at zero and never gets a gradient. */
    public Embedding(Device device, int vocabulary, int dim, int paddingIndex) {
        this(Scope.detached(() -> {
            Tensor w = device.normal(0f, 1f, vocabulary, dim);
            if (paddingIndex == NO_PADDING) {
                return w;
            }
            checkIndex(paddingIndex, vocabulary);
            float[] v = w.toFloatArray();
            java.util.Arrays.fill(v, paddingIndex * dim, (paddingIndex + 1) * dim, 0f);
            w.close();
            return device.tensor(v, vocabulary, dim);
        }), paddingIndex);
    }

    private Embedding(Tensor table, int paddingIndex) {
        this.weight = parameter("weight", () -> table);
        this.paddingIndex = paddingIndex;
        if (paddingIndex == NO_PADDING) {
            this.keepColumn = null;
        } else {
            int vocabulary = table.dim(0);
            checkIndex(paddingIndex, vocabulary);
            float[] keep = new float[vocabulary];
            java.util.Arrays.fill(keep, 1f);
            keep[paddingIndex] = 0f;
            // A constant, not a buffer: PyTorch's state has no such entry, and it follows from paddingIndex.
            this.keepColumn = Scope.detached(() -> table.device().tensor(keep, vocabulary, 1));
        }
    }

    /**
     * A table holding a copy of {@code weights [vocabulary, dim]} (pre-trained word vectors), frozen
     * when {@code freeze} (PyTorch's default), with an optional padding index ({@link #NO_PADDING}).
     */
    public static Embedding fromPretrained(Tensor weights, boolean freeze, int paddingIndex) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("pretrained embeddings must be [vocabulary, dim], got " + weights.shape());
        }
        Tensor copy = Scope.detached(() -> weights.device().tensor(weights.toFloatArray(), weights.dims()));
        Embedding e = new Embedding(copy, paddingIndex);
        e.requiresGrad(!freeze);
        return e;
    }

    public Tensor weight() {
        return weight;
    }

    /** The padding row, or {@link #NO_PADDING}. */
    public int paddingIndex() {
        return paddingIndex;
    }

    /** Rows for int ids of any shape; the result has one more axis of size dim. */
    public Tensor forward(Tensor ids) {
        Tensor rows = Ops.gatherRows(weight, ids);
        if (keepColumn == null || !weight.requiresGrad()) {
            return rows;
        }
        Tensor keep = Ops.gatherRows(keepColumn, ids);
        Tensor fixed = Ops.gatherRows(weight.detach(), ids);
        return rows.mul(keep).add(fixed.mul(keep.neg().add(1f)));
    }

    @Override
    public void close() {
        super.close();
        if (keepColumn != null) {
            keepColumn.close();
        }
    }

    private static void checkIndex(int paddingIndex, int vocabulary) {
        if (paddingIndex < 0 || paddingIndex >= vocabulary) {
            throw new IllegalArgumentException("padding index " + paddingIndex + " outside the vocabulary [0, " + vocabulary + ")");
        }
    }
}
