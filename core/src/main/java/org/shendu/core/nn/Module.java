package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 *
 * <p>A tensor registered twice (weight tying: an output projection that shares the embedding's
 * weight) is one parameter: {@link #namedParameters()}, {@link #parameters()} and
 * {@link #stateDict()} list it once, under the first name met (a module's own parameters before its
 * children's, children in registration order, as PyTorch walks them), so an
 * optimizer steps it once and a checkpoint stores it once (as safetensors' {@code save_model}
 * does). {@link #requiresGrad(boolean)} freezes or unfreezes every parameter below a module;
 * {@link #toString()} prints a summary with parameter counts per layer, as torchinfo does.
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

    /**
     * Registers a tensor that already exists as a parameter of this module too (weight tying, as
     * {@code decoder.weight = encoder.weight} in PyTorch); it keeps the first name it was given.
     */
    protected Tensor parameter(String name, Tensor shared) {
        parameters.put(name, shared);
        return shared;
    }

    protected <M extends Module> M module(String name, M child) {
        children.put(name, child);
        return child;
    }

    /**
     * Parameters by dotted name: this module's own in registration order, then each child's; each
     * tensor once (under its first name).
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), true, false);
        return out;
    }

    /** The distinct parameters, in registration order (tied ones once). */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Buffers (batch-norm running statistics) by dotted name: saved in the state, never trained. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), false, true);
        return out;
    }

    /** Parameters and buffers by dotted name: what a checkpoint saves (each tensor once). */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), true, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen, boolean params, boolean bufs) {
        if (params) {
            parameters.forEach((k, v) -> {
                if (seen.add(v)) {
                    out.put(prefix + k, v);
                }
            });
        }
        if (bufs) {
            buffers.forEach((k, v) -> {
                if (seen.add(v)) {
                    out.put(prefix + k, v);
                }
            });
        }
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, seen, params, bufs));
    }

    /** The number of distinct parameter values (tied weights counted once). */
    public long parameterCount() {
        return namedParameters().values().stream().mapToLong(Tensor::size).sum();
    }

    /** The direct sub-modules by name, in registration order. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * This module and every module below it by dotted name ({@code ""} for this one), depth first in
     * registration order, each module once.
     */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        walk("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void walk(String name, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(name, this);
        children.forEach((k, m) -> m.walk(name.isEmpty() ? k : name + "." + k, out, seen));
    }

    /** This module and every module below it, as {@link #namedModules()} orders them. */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /**
     * Calls {@code fn} on every sub-module (children first) and then on this one, as PyTorch's
     * {@code apply}: the way to re-initialise a network ({@code net.apply(m -> { if (m instanceof
     * Conv2d c) Init.normal(c.weight(), 0, 0.02f); })}). Returns this.
     */
    public Module apply(Consumer<? super Module> fn) {
        applyAfterChildren(fn, Collections.newSetFromMap(new IdentityHashMap<>()));
        return this;
    }

    private void applyAfterChildren(Consumer<? super Module> fn, Set<Module> seen) {
        if (seen.add(this)) {
            children.values().forEach(c -> c.applyAfterChildren(fn, seen));
            fn.accept(this);
        }
    }

    /**
     * Freezes ({@code false}) or unfreezes every parameter of this module and its sub-modules: a
     * frozen parameter records no graph, gets no gradient, and optimizers leave it alone. Returns this.
     */
    public Module requiresGrad(boolean value) {
        parameters().forEach(p -> {
            if (!value) {
                p.clearGrad();
            }
            p.requiresGrad(value);
        });
        return this;
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

    /**
     * A summary as torchinfo prints it: one row per module (indented by depth) with its type and the
     * number of parameters it and its sub-modules hold, then the totals, trainable and frozen. A tied
     * tensor is counted once, at the first module that registered it.
     */
    @Override
    public String toString() {
        return ModuleSummary.of(this);
    }

    /** The parameters registered directly on this module (not its children), by local name. */
    Map<String, Tensor> ownParameters() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public void close() {
        stateDict().values().forEach(t -> {
            t.clearGrad();
            t.close();
        });
    }
}
