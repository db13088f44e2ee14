package org.shendu.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.Storage;
import org.shendu.core.spi.UnaryOp;

/**
 * A dense row-major array of float32 (or int32 ids) on a {@link Device}. Immutable from the user's
 * side: ops return new tensors, recorded for reverse-mode autograd when an input requires a
 * gradient. Storage is freed by {@link #close()} or by the {@link Scope} the tensor was made in,
 * never by waiting for the garbage collector. A tensor made by {@link #reshape} is a view that shares
 * its base's storage and never frees it.
 */
public final class Tensor implements AutoCloseable {
    private final Device device;
    private final Shape shape;
    private final DType dtype;
    private Storage storage;
    private final boolean ownsStorage;
    /** The tensor whose storage a view shares (null when this tensor owns its storage). */
    final Tensor base;
    private boolean requiresGrad;
    Node node;
    Tensor grad;
    Scope scope;

    Tensor(Device device, Shape shape, DType dtype, Storage storage) {
        this(device, shape, dtype, storage, null);
    }

    private Tensor(Device device, Shape shape, DType dtype, Storage storage, Tensor base) {
        this.device = device;
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
        this.ownsStorage = base == null;
        this.base = base;
        Scope.register(this);
    }

    /**
     * A view of {@code base}'s storage with another shape of the same size. It remembers the tensor
     * that owns the storage, so that {@link Scope#keep} of the view keeps that owner alive too.
     */
    static Tensor view(Tensor base, Shape shape) {
        Tensor owner = base.base == null ? base : base.base;
        return new Tensor(base.device, shape, base.dtype, base.storage(), owner);
    }

    public Device device() {
        return device;
    }

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public long size() {
        return shape.size();
    }

    public DType dtype() {
        return dtype;
    }

    /** The backend storage, for backends, optimizers and fused ops. */
    public Storage storage() {
        if (storage == null) {
            throw new IllegalStateException("tensor " + shape + " used after close()");
        }
        return storage;
    }

    public boolean isClosed() {
        return storage == null;
    }

    /** Whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf (a parameter) as needing its gradient; returns this. */
    public Tensor requiresGrad(boolean value) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad can only be set on a leaf tensor");
        }
        requiresGrad = value;
        return this;
    }

    void markRecorded(Node n) {
        node = n;
        requiresGrad = true;
    }

    /** The accumulated gradient of a leaf after {@link #backward()}, or null. */
    public Tensor grad() {
        return grad;
    }

    /** Frees the accumulated gradient (the optimizer's zero_grad). */
    public void clearGrad() {
        if (grad != null) {
            grad.close();
            grad = null;
        }
    }

    /** Sets the gradient of a leaf (used by gradient clipping and checkpoint tools). */
    public void setGrad(Tensor g) {
        grad = g;
    }

    /** The same values without a gradient history (shares storage). */
    public Tensor detach() {
        return view(this, shape);
    }

    @Override
    public void close() {
        if (storage != null && ownsStorage) {
            storage.close();
        }
        storage = null;
        node = null;
    }

    // ---- host access ------------------------------------------------------------------------

    /** Copies the values to the host (a device-to-host transfer on a GPU). */
    public float[] toFloatArray() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("not a float tensor");
        }
        float[] all = device.backend().download(storage());
        return all.length == size() ? all : Arrays.copyOf(all, (int) size());
    }

    public int[] toIntArray() {
        if (dtype != DType.INT32) {
            throw new IllegalStateException("not an int tensor");
        }
        return device.backend().downloadInts(storage());
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size() != 1) {
            throw new IllegalStateException("item() of a tensor with shape " + shape);
        }
        return toFloatArray()[0];
    }

    /** A copy on another device (or this tensor when it is already there). */
    public Tensor to(Device target) {
        if (target == device) {
            return this;
        }
        return dtype == DType.FLOAT32 ? target.tensor(toFloatArray(), dims()) : target.ints(toIntArray(), dims());
    }

    // ---- autograd -----------------------------------------------------------------------------

    /** Back-propagates from this scalar: adds d(this)/d(leaf) into every leaf's {@link #grad()}. */
    public void backward() {
        if (size() != 1) {
            throw new IllegalStateException("backward() needs a scalar, got " + shape);
        }
        backward(device.full(1f, dims()));
    }

    /** Back-propagates {@code gradient} (same shape as this) through the recorded graph. */
    public void backward(Tensor gradient) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward() of a tensor that does not require grad");
        }
        try (GradMode off = GradMode.off()) {
            if (node == null) {
                accumulateLeaf(this, gradient);
                return;
            }
            List<Node> order = topologicalOrder(node);
            Map<Tensor, Tensor> grads = new IdentityHashMap<>();
            grads.put(this, gradient);
            for (int n = order.size() - 1; n >= 0; n--) {
                Node nd = order.get(n);
                Tensor[] go = new Tensor[nd.outputs.length];
                boolean any = false;
                for (int k = 0; k < go.length; k++) {
                    go[k] = grads.remove(nd.outputs[k]);
                    any |= go[k] != null;
                }
                if (!any) {
                    continue;
                }
                for (int k = 0; k < go.length; k++) {
                    if (go[k] == null) {
                        go[k] = device.zeros(nd.outputs[k].dims());
                    }
                }
                Tensor[] gi = nd.rule.apply(go);
                for (int j = 0; j < nd.inputs.length; j++) {
                    Tensor in = nd.inputs[j];
                    if (gi[j] == null || in == null || !in.requiresGrad) {
                        continue;
                    }
                    if (!gi[j].shape.equals(in.shape)) {
                        throw new IllegalStateException(nd.op + ": gradient " + gi[j].shape + " for input " + in.shape);
                    }
                    if (in.node == null) {
                        accumulateLeaf(in, gi[j]);
                    } else {
                        Tensor prev = grads.get(in);
                        grads.put(in, prev == null ? gi[j] : Ops.binary(BinaryOp.ADD, prev, gi[j]));
                    }
                }
            }
            // The graph is used once, as in PyTorch without retain_graph: drop it for the collector.
            for (Node nd : order) {
                for (Tensor out : nd.outputs) {
                    out.node = null;
                }
            }
        }
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        if (leaf.grad == null || leaf.grad.isClosed()) {
            leaf.grad = Scope.detached(() -> leaf.device.zeros(leaf.dims()));
        }
        int[] s = {Math.toIntExact(leaf.size())};
        leaf.device.backend().binary(BinaryOp.ADD, leaf.grad.storage(), s, g.storage(), s, leaf.grad.storage(), s);
    }

    private static List<Node> topologicalOrder(Node root) {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        // Iterative DFS: sequences of thousands of ops would overflow a recursive one.
        ArrayList<Object[]> stack = new ArrayList<>();
        stack.add(new Object[] {root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.get(stack.size() - 1);
            Node nd = (Node) top[0];
            int i = (Integer) top[1];
            if (i < nd.inputs.length) {
                top[1] = i + 1;
                Tensor in = nd.inputs[i];
                if (in != null && in.node != null && seen.add(in.node)) {
                    stack.add(new Object[] {in.node, 0});
                }
            } else {
                stack.remove(stack.size() - 1);
                order.add(nd);
            }
        }
        return order;
    }

    // ---- ops (the rules are in Ops) -----------------------------------------------------------

    public Tensor add(Tensor o) {
        return Ops.binary(BinaryOp.ADD, this, o);
    }

    public Tensor sub(Tensor o) {
        return Ops.binary(BinaryOp.SUB, this, o);
    }

    public Tensor mul(Tensor o) {
        return Ops.binary(BinaryOp.MUL, this, o);
    }

    public Tensor div(Tensor o) {
        return Ops.binary(BinaryOp.DIV, this, o);
    }

    public Tensor maximum(Tensor o) {
        return Ops.binary(BinaryOp.MAX, this, o);
    }

    public Tensor add(float c) {
        return Ops.unary(UnaryOp.ADD_SCALAR, c, this);
    }

    public Tensor mul(float c) {
        return Ops.unary(UnaryOp.SCALE, c, this);
    }

    public Tensor neg() {
        return Ops.unary(UnaryOp.NEG, 0f, this);
    }

    public Tensor exp() {
        return Ops.unary(UnaryOp.EXP, 0f, this);
    }

    public Tensor log() {
        return Ops.unary(UnaryOp.LOG, 0f, this);
    }

    public Tensor sqrt() {
        return Ops.unary(UnaryOp.SQRT, 0f, this);
    }

    public Tensor square() {
        return Ops.unary(UnaryOp.SQUARE, 0f, this);
    }

    public Tensor pow(float p) {
        return Ops.unary(UnaryOp.POW, p, this);
    }

    public Tensor abs() {
        return Ops.unary(UnaryOp.ABS, 0f, this);
    }

    public Tensor reciprocal() {
        return Ops.unary(UnaryOp.RECIPROCAL, 0f, this);
    }

    public Tensor tanh() {
        return Ops.unary(UnaryOp.TANH, 0f, this);
    }

    public Tensor sigmoid() {
        return Ops.unary(UnaryOp.SIGMOID, 0f, this);
    }

    public Tensor relu() {
        return Ops.unary(UnaryOp.RELU, 0f, this);
    }

    public Tensor leakyRelu(float slope) {
        return Ops.unary(UnaryOp.LEAKY_RELU, slope, this);
    }

    public Tensor softplus() {
        return Ops.unary(UnaryOp.SOFTPLUS, 0f, this);
    }

    /** max(x, floor) elementwise. */
    public Tensor clampMin(float floor) {
        return Ops.unary(UnaryOp.MAX_SCALAR, floor, this);
    }

    /** The sum of all elements, shape [1]. */
    public Tensor sum() {
        return Ops.sumTo(this, ones(rank())).reshape(1);
    }

    /** The mean of all elements, shape [1]. */
    public Tensor mean() {
        return sum().mul(size() == 0 ? 0f : 1f / size());
    }

    /** Sums over {@code axes}, keeping them as size 1 when {@code keepDims}. */
    public Tensor sum(boolean keepDims, int... axes) {
        int[] target = dims();
        for (int a : axes) {
            target[a < 0 ? rank() + a : a] = 1;
        }
        Tensor s = Ops.sumTo(this, target);
        if (keepDims) {
            return s;
        }
        int[] kept = Arrays.stream(dims()).toArray();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            final int axis = i;
            if (Arrays.stream(axes).noneMatch(a -> (a < 0 ? rank() + a : a) == axis)) {
                out.add(kept[i]);
            }
        }
        return s.reshape(out.stream().mapToInt(Integer::intValue).toArray());
    }

    public Tensor mean(boolean keepDims, int... axes) {
        long n = 1;
        for (int a : axes) {
            n *= dim(a);
        }
        return sum(keepDims, axes).mul(1f / n);
    }

    /** Sums down to a broadcast-compatible shape (the reverse of broadcasting). */
    public Tensor sumTo(int... target) {
        return Ops.sumTo(this, target);
    }

    private static int[] ones(int n) {
        int[] o = new int[n];
        Arrays.fill(o, 1);
        return o;
    }

    /** Matrix product; 2-D by 2-D, batched 3-D by 3-D, or 3-D by 2-D. */
    public Tensor matmul(Tensor o) {
        return Ops.matmul(this, o, false, false);
    }

    /** Matrix product of the optionally transposed operands (last two axes). */
    public Tensor matmul(Tensor o, boolean transThis, boolean transOther) {
        return Ops.matmul(this, o, transThis, transOther);
    }

    /** The same values in another shape; one dimension may be -1 (inferred). A view, no copy. */
    public Tensor reshape(int... newShape) {
        return Ops.reshape(this, newShape);
    }

    /** Keeps axes before {@code from} and flattens the rest into one. */
    public Tensor flatten(int from) {
        int[] d = dims();
        int[] out = Arrays.copyOf(d, from + 1);
        out[from] = shape.product(from, d.length);
        return reshape(out);
    }

    public Tensor permute(int... axes) {
        return Ops.permute(this, axes);
    }

    /** Swaps two axes (a copy). */
    public Tensor transpose(int a, int b) {
        int[] axes = new int[rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        a = a < 0 ? rank() + a : a;
        b = b < 0 ? rank() + b : b;
        axes[a] = b;
        axes[b] = a;
        return permute(axes);
    }

    /** {@code length} entries along {@code axis} from {@code start} (a copy). */
    public Tensor narrow(int axis, int start, int length) {
        return Ops.narrow(this, axis < 0 ? rank() + axis : axis, start, length);
    }

    /** Joins tensors along {@code axis}. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Ops.concat(axis, parts);
    }

    /** The largest entry along {@code axis} (the axis removed); its gradient goes to the first maximum. */
    public Tensor max(int axis) {
        return Ops.max(this, axis)[0];
    }

    /** The index (int) of the largest entry along {@code axis}, the first where several are equal. */
    public Tensor argmax(int axis) {
        return Ops.max(this, axis)[1];
    }

    /** The {@code k} largest entries along the last axis, largest first: {@code {values, ids (int)}}. */
    public Tensor[] topk(int k) {
        return Ops.topk(this, k);
    }

    /** 1 where this &gt; o (broadcast), else 0; no gradient. */
    public Tensor gt(Tensor o) {
        return Ops.binary(BinaryOp.GREATER, this, o);
    }

    /** 1 where this &gt; c, else 0; no gradient. */
    public Tensor gt(float c) {
        return gt(device.full(c, 1));
    }

    /** 1 where this == o (broadcast), else 0 (NaN equals nothing); no gradient. */
    public Tensor eq(Tensor o) {
        return Ops.binary(BinaryOp.EQUAL, this, o);
    }

    /** 1 where this == c, else 0; no gradient. */
    public Tensor eq(float c) {
        return eq(device.full(c, 1));
    }

    /** {@code cond ? a : b} elementwise with broadcasting, exact for infinities (see {@link Ops#where}). */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Ops.where(cond, a, b);
    }

    /** Softmax over the last axis. */
    public Tensor softmax() {
        return Ops.softmax(this, false);
    }

    /** Log-softmax over the last axis. */
    public Tensor logSoftmax() {
        return Ops.softmax(this, true);
    }

    @Override
    public String toString() {
        return "Tensor" + shape + "@" + device + (requiresGrad ? " (grad)" : "");
    }
}
