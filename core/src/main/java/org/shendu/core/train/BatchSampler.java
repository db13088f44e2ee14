package org.shendu.core.train;

import java.util.List;

/**
 * Which examples go into which batch, epoch by epoch (PyTorch's {@code BatchSampler}): each batch is
 * an array of example indices. The same sampler and epoch number always give the same batches.
 */
@FunctionalInterface
public interface BatchSampler {
    /** The batches of epoch {@code epoch} (counted from 1), in the order they are trained. */
    List<int[]> batches(int epoch);
}
