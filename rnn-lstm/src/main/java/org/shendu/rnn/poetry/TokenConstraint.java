package org.shendu.rnn.poetry;

import java.util.BitSet;

/**
 * What a decoder may emit next: the ids allowed at this step (the rest are masked to -inf before
 * sampling, so the model's probability is spread over the allowed ones only), then the id chosen.
 */
public interface TokenConstraint {
    /** The ids allowed next; never empty before {@link #finished()}. */
    BitSet allowed();

    /** Advances past the chosen id (one of {@link #allowed()}). */
    void accept(int id);

    /** True after EOS. */
    boolean finished();
}
