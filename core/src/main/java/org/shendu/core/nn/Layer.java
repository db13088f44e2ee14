package org.shendu.core.nn;

import org.shendu.core.Tensor;

/** A module with one input and one output, so layers chain in a {@link Sequential}. */
public interface Layer {
    Tensor forward(Tensor x);
}
