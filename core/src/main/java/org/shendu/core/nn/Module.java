package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * A part of a network with named parameters, buffers and sub-modules, as PyTorch's
 * {@code nn.Module}: {@link #stateDict()} gives dotted names ({@code lstm.weight_ih_l0}),
 * {@link #loadStateDict} reports missing and unexpected names, {@link #train()} / {@link #eval()}
 * switch the mode of dropout and batch norm. Parameters and buffers live outside any {@link Scope}
 * until the module is closed.
 */
public abstract class Module implements AutoCloseable {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a trainable parameter made by {@code init} (outside the current scope). */
    protected Tensor parameter(String name, Supplier<Tensor> init) {
        Tensor t = Scope.detached(init).requiresGrad(true);
        parameters.put(name, t);
        return t;
    }

    /** Registers a buffer: saved with the parameters but not trained (batch-norm statistics). */
    protected Tensor buffer(String name, Supplier<Tensor> init) {
        Tensor t = Scope.detached(init);
        buffers.put(name, t);
        return t;
    }

    protected <M extends Module> M module(String name, M child) {
        children.put(name, child);
        return child;
    }

    /** Parameters by dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters and buffers by dotted name: what a checkpoint saves. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        if (withBuffers) {
            buffers.forEach((k, v) -> out.put(prefix + k, v));
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, withBuffers));
    }

    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(Tensor::size).sum();
    }

    /** What {@link #loadStateDict} found: names the module has but the file lacked, and the reverse. */
    public record LoadReport(Set<String> missing, Set<String> unexpected) {
        public boolean clean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }

    /**
     * Copies tensors into this module's parameters and buffers by name (moving them to this
     * module's device). With {@code strict}, any missing or unexpected name is an error that lists them.
     */
    public LoadReport loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> mine = stateDict();
        Set<String> missing = new LinkedHashSet<>(mine.keySet());
        missing.removeAll(state.keySet());
        Set<String> unexpected = new LinkedHashSet<>(state.keySet());
        unexpected.removeAll(mine.keySet());
        if (strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new ShenduException("state does not match the model: missing " + missing + ", unexpected " + unexpected);
        }
        for (Map.Entry<String, Tensor> e : mine.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                continue;
            }
            Tensor dst = e.getValue();
            if (!src.shape().equals(dst.shape())) {
                throw new ShenduException(e.getKey() + ": shape " + src.shape() + " in the file, " + dst.shape() + " in the model");
            }
            assign(dst, src);
        }
        return new LoadReport(missing, unexpected);
    }

    /** Overwrites dst's values with src's (on dst's device), outside autograd. */
    public static void assign(Tensor dst, Tensor src) {
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            Tensor moved = src.to(dst.device());
            dst.device().backend().copy(moved.storage(), 0, dst.storage(), 0, dst.size());
        }
    }

    public Module train() {
        return setTraining(true);
    }

    public Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.setTraining(mode));
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    /** The device of the first parameter or buffer. */
    public Device device() {
        return stateDict().values().iterator().next().device();
    }

    /** Frees every gradient (before a new step). */
    public void zeroGrad() {
        parameters().forEach(Tensor::clearGrad);
    }

    @Override
    public void close() {
        stateDict().values().forEach(t -> {
            t.clearGrad();
            t.close();
        });
    }
}
