package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * A lookup table {@code y[..., :] = W[ids[...], :]} with {@code W [vocabulary, dim]}, initialised
 * N(0, 1) as in PyTorch. Its gradient is dense (scatter-added rows), as in the anchors.
 */
public final class Embedding extends Module {
    private final Tensor weight;

    public Embedding(Device device, int vocabulary, int dim) {
        this.weight = parameter("weight", () -> device.normal(0f, 1f, vocabulary, dim));
    }

    public Tensor weight() {
        return weight;
    }

    /** Rows for int ids of any shape; the result has one more axis of size dim. */
    public Tensor forward(Tensor ids) {
        return org.shendu.core.Ops.gatherRows(weight, ids);
    }
}
