package org.shendu.core.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/**
 * Updates parameters in place from their gradients. Its state (moments, step count) lives outside
 * any scope and is saved in checkpoints by {@link #state()} and {@link #hyperparameters()}. A tensor
 * given twice (tied weights listed by two modules) is kept once, so it is stepped once; a frozen
 * parameter ({@code requiresGrad(false)}) is skipped.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected float lr;
    protected long steps;

    protected Optimizer(List<Tensor> params, float lr) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        this.params = params.stream().filter(seen::add).toList();
        this.lr = lr;
    }

    public float learningRate() {
        return lr;
    }

    public void setLearningRate(float lr) {
        this.lr = lr;
    }

    public long steps() {
        return steps;
    }

    /** Frees every parameter's gradient. */
    public void zeroGrad() {
        params.forEach(Tensor::clearGrad);
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        steps++;
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.requiresGrad() && p.grad() != null) {
                    update(i, p, p.grad());
                }
            }
        }
    }

    protected abstract void update(int index, Tensor param, Tensor grad);

    /** The parameters this optimizer steps (distinct, in the order given). */
    public List<Tensor> params() {
        return params;
    }

    /** Overwrites {@code p}'s values with {@code value}'s (both on p's device), outside autograd. */
    protected static void assignInPlace(Tensor p, Tensor value) {
        org.shendu.core.nn.Module.assign(p, value);
    }

    /** A state tensor for parameter {@code index}, zero at first, kept across steps. */
    protected Tensor slot(Map<Integer, Tensor> slots, int index, Tensor like) {
        return slots.computeIfAbsent(index, k -> Scope.detached(() -> like.device().zeros(like.dims())));
    }

    /** The state tensors by name ({@code m.3} is the first moment of parameter 3). */
    public abstract Map<String, Tensor> state();

    /** Restores state tensors saved by {@link #state()} (their names must match). */
    public abstract void loadState(Map<String, Tensor> state, long steps);

    /** Name and hyperparameters for the checkpoint's JSON. */
    public abstract Map<String, Object> hyperparameters();

    protected static Map<String, Tensor> named(String prefix, Map<Integer, Tensor> slots) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        slots.forEach((k, v) -> out.put(prefix + "." + k, v));
        return out;
    }

    protected void restore(String prefix, Map<Integer, Tensor> slots, Map<String, Tensor> state) {
        state.forEach((name, t) -> {
            if (name.startsWith(prefix + ".")) {
                int i = Integer.parseInt(name.substring(prefix.length() + 1));
                Tensor dst = slot(slots, i, params.get(i));
                org.shendu.core.nn.Module.assign(dst, t);
            }
        });
    }
}
