package org.shendu.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Frees tensors deterministically: every tensor made while a scope is open belongs to the innermost
 * one and is closed with it, so a training step opened as {@code try (Scope step = Scope.open())}
 * releases all its intermediates at its end. Parameters and optimizer state are made outside any
 * scope ({@link #detached}) and live until closed; {@link #keep} hands a result to the enclosing
 * scope.
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    /** Marks "no scope" on the stack while {@link #detached} runs. */
    private static final Scope NONE = new Scope(null);

    private final Scope parent;
    private final List<Tensor> tensors = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
    }

    /** Opens a scope nested in the current one. */
    public static Scope open() {
        ArrayDeque<Scope> stack = STACK.get();
        Scope top = stack.peek();
        Scope s = new Scope(top == NONE ? null : top);
        stack.push(s);
        return s;
    }

    /** Runs {@code body} with no scope open, so what it makes outlives the current scope. */
    public static <T> T detached(Supplier<T> body) {
        ArrayDeque<Scope> stack = STACK.get();
        stack.push(NONE);
        try {
            return body.get();
        } finally {
            stack.pop();
        }
    }

    static void register(Tensor t) {
        Scope top = STACK.get().peek();
        if (top != null && top != NONE) {
            top.tensors.add(t);
            t.scope = top;
        }
    }

    /**
     * Moves {@code t} out of this scope into the enclosing one (or none); returns it. A view
     * ({@code reshape}, {@code detach}) shares its base's storage, so the base moves with it: keeping
     * {@code g.forward(z).detach()} keeps the generator's output readable after this scope closes.
     */
    public <T extends Tensor> T keep(T t) {
        move(t);
        if (t.base != null) {
            move(t.base);
        }
        return t;
    }

    private void move(Tensor t) {
        if (t.scope == this) {
            t.scope = parent;
            if (parent != null) {
                parent.tensors.add(t);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Tensor t : tensors) {
            if (t.scope == this) {
                t.close();
            }
        }
        tensors.clear();
        ArrayDeque<Scope> stack = STACK.get();
        if (stack.peek() == this) {
            stack.pop();
        } else {
            stack.remove(this);
        }
    }
}
