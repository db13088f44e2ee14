package org.shendu.core.nn;

import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * The state a recurrent network carries between calls, as PyTorch's {@code (h_n, c_n)}: hidden
 * states {@code h [layers D, B, H]} (layer-major, forward direction before reverse) and, for an
 * LSTM, cell states {@code c} of the same shape ({@code null} for a GRU or plain RNN).
 *
 * <p>Pass it as the initial state of the next {@link Recurrent#forward(Tensor, int[], RecurrentState)}
 * or {@link Recurrent#step(Tensor, RecurrentState)}. For truncated back-propagation through time
 * across chunks, hand the next chunk {@link #detach()}: the values go on, the gradient stops.
 */
public final class RecurrentState implements AutoCloseable {
    private final Tensor h;
    private final Tensor c;

    /** A state of hidden states {@code h} and, for an LSTM, cell states {@code c} (else null). */
    public RecurrentState(Tensor h, Tensor c) {
        if (h == null || h.rank() != 3) {
            throw new ShenduException("a recurrent state's h must be [layers*directions, batch, hidden], got "
                    + (h == null ? "null" : h.shape()));
        }
        if (c != null && !c.shape().equals(h.shape())) {
            throw new ShenduException("a recurrent state's c " + c.shape() + " differs from its h " + h.shape());
        }
        this.h = h;
        this.c = c;
    }

    /** Hidden states {@code [layers D, B, H]}. */
    public Tensor h() {
        return h;
    }

    /** Cell states {@code [layers D, B, H]} of an LSTM; null for a GRU or RNN. */
    public Tensor c() {
        return c;
    }

    /** The batch size B. */
    public int batch() {
        return h.dim(1);
    }

    /**
     * The same values with no gradient history, for truncated back-propagation through time: the
     * next chunk starts from these values and its gradient stops here. They are copies (a state is
     * small), made in the current scope, so they outlive the chunk's graph and can be
     * {@link #keep kept} while the chunk's intermediates are freed.
     */
    public RecurrentState detach() {
        try (GradMode off = GradMode.off()) {
            return new RecurrentState(h.add(0f), c == null ? null : c.add(0f));
        }
    }

    /** Hands h and c to the scope enclosing {@code scope} (see {@link Scope#keep}); returns this. */
    public RecurrentState keep(Scope scope) {
        scope.keep(h);
        if (c != null) {
            scope.keep(c);
        }
        return this;
    }

    /** Frees h and c. */
    @Override
    public void close() {
        h.close();
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "RecurrentState(h" + h.shape() + (c == null ? "" : ", c" + c.shape()) + ")";
    }
}
