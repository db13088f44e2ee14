package org.shendu.core;

import java.util.Arrays;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.LstmGeometry;
import org.shendu.core.spi.UnaryOp;

/**
 * Every differentiable primitive, each with its gradient rule right beside its forward: the one
 * place autograd's rules live (PyTorch's derivatives.yaml, tinygrad's gradient table). Layers and
 * losses compose these and need no backward code of their own.
 */
public final class Ops {
    private Ops() {}

    private static Tensor out(Device d, int... shape) {
        return d.zeros(shape);
    }

    private static Tensor outInts(Device d, int... shape) {
        Shape s = Shape.of(shape);
        return new Tensor(d, s, DType.INT32, d.backend().allocate(DType.INT32, s.size()));
    }

    private static boolean recording(Tensor... inputs) {
        if (!GradMode.enabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    private static void record(String op, Tensor[] inputs, Node.Rule rule, Tensor... outputs) {
        if (!recording(inputs)) {
            return;
        }
        Node n = new Node(op, inputs, rule);
        n.outputs = outputs;
        for (Tensor o : outputs) {
            o.markRecorded(n);
        }
    }

    private static void sameDevice(Tensor a, Tensor b) {
        if (a.device() != b.device()) {
            throw new ShenduException("tensors on different devices: " + a.device() + " and " + b.device());
        }
    }

    private static Backend be(Tensor t) {
        return t.device().backend();
    }

    // ---- elementwise ------------------------------------------------------------------------

    /** {@code y = f(x)}; rule: {@code gx = gy f'(x)}. */
    public static Tensor unary(UnaryOp op, float alpha, Tensor x) {
        Tensor y = out(x.device(), x.dims());
        be(x).unary(op, alpha, x.storage(), y.storage());
        record(op.name().toLowerCase(), new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), x.dims());
            be(x).unaryBackward(op, alpha, x.storage(), y.storage(), g[0].storage(), gx.storage());
            return new Tensor[] {gx};
        }, y);
        return y;
    }

    /** {@code c = f(a, b)} with broadcasting; rule: the partial derivatives, summed back to each shape. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        sameDevice(a, b);
        Shape cs = Shape.broadcast(a.shape(), b.shape());
        Tensor c = out(a.device(), cs.dims());
        int r = cs.rank();
        be(a).binary(op, a.storage(), a.shape().padTo(r), b.storage(), b.shape().padTo(r), c.storage(), cs.dims());
        if (op == BinaryOp.GREATER || op == BinaryOp.EQUAL) {
            return c;
        }
        record(op.name().toLowerCase(), new Tensor[] {a, b}, gs -> {
            Tensor g = gs[0];
            return switch (op) {
                case ADD -> new Tensor[] {reduce(g, a), reduce(g, b)};
                case SUB -> new Tensor[] {reduce(g, a), b.requiresGrad() ? reduce(g.neg(), b) : null};
                case MUL -> new Tensor[] {
                    a.requiresGrad() ? reduce(g.mul(b), a) : null,
                    b.requiresGrad() ? reduce(g.mul(a), b) : null};
                case DIV -> new Tensor[] {
                    a.requiresGrad() ? reduce(g.div(b), a) : null,
                    b.requiresGrad() ? reduce(g.mul(c).div(b).neg(), b) : null};
                case MAX -> {
                    // Ties go to a: b gets the gradient only where it is strictly larger.
                    Tensor bWins = binary(BinaryOp.GREATER, b, a);
                    Tensor gb = g.mul(bWins);
                    yield new Tensor[] {reduce(g.sub(gb), a), reduce(gb, b)};
                }
                case GREATER, EQUAL -> new Tensor[] {null, null};
            };
        }, c);
        return c;
    }

    private static Tensor reduce(Tensor g, Tensor like) {
        if (g.shape().equals(like.shape())) {
            return g;
        }
        return sumTo(g, like.shape().padTo(g.rank())).reshape(like.dims());
    }

    /** Sums x down to {@code target} (same rank, dims equal or 1); rule: broadcast g back. */
    public static Tensor sumTo(Tensor x, int[] target) {
        int[] t = target.length == x.rank() ? target : Shape.of(target).padTo(x.rank());
        Tensor y = out(x.device(), t);
        be(x).sumTo(x.storage(), x.dims(), y.storage(), t);
        record("sum", new Tensor[] {x}, g -> new Tensor[] {expand(g[0], x.dims())}, y);
        Tensor result = y;
        return target.length == x.rank() ? result : result.reshape(target);
    }

    /** Broadcasts x to {@code shape}; rule: sum back. */
    public static Tensor expand(Tensor x, int[] shape) {
        Tensor y = out(x.device(), shape);
        try (Tensor zero = Scope.detached(() -> x.device().zeros(1))) {
            be(x).binary(BinaryOp.ADD, x.storage(), x.shape().padTo(shape.length), zero.storage(),
                    Shape.of(1).padTo(shape.length), y.storage(), shape);
        }
        record("expand", new Tensor[] {x}, g -> new Tensor[] {reduce(g[0], x)}, y);
        return y;
    }

    // ---- shape and movement -----------------------------------------------------------------

    /** A view with another shape; rule: reshape g back. */
    public static Tensor reshape(Tensor x, int[] shape) {
        int[] s = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            s[infer] = known == 0 ? 0 : Math.toIntExact(x.size() / known);
        }
        Shape ns = Shape.of(s);
        if (ns.size() != x.size()) {
            throw new ShenduException("cannot reshape " + x.shape() + " to " + ns);
        }
        Tensor y = Tensor.view(x, ns);
        record("reshape", new Tensor[] {x}, g -> new Tensor[] {g[0].reshape(x.dims())}, y);
        return y;
    }

    /** Reorders axes (a copy); rule: the inverse permutation. */
    public static Tensor permute(Tensor x, int[] axes) {
        int[] d = x.dims();
        int[] od = new int[d.length];
        int[] inverse = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            od[i] = d[axes[i]];
            inverse[axes[i]] = i;
        }
        Tensor y = out(x.device(), od);
        be(x).permute(x.storage(), d, axes, y.storage());
        record("permute", new Tensor[] {x}, g -> new Tensor[] {permute(g[0], inverse)}, y);
        return y;
    }

    /** A slice along an axis (a copy); rule: g copied into a zero tensor of x's shape. */
    public static Tensor narrow(Tensor x, int axis, int start, int length) {
        int[] d = x.dims();
        if (start < 0 || start + length > d[axis]) {
            throw new IllegalArgumentException("narrow " + start + "+" + length + " of axis " + axis + " in " + x.shape());
        }
        int[] od = d.clone();
        od[axis] = length;
        Tensor y = out(x.device(), od);
        be(x).copySlice(x.storage(), d, start, y.storage(), od, 0, axis, length, false);
        record("narrow", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), d);
            be(x).copySlice(g[0].storage(), od, 0, gx.storage(), d, start, axis, length, false);
            return new Tensor[] {gx};
        }, y);
        return y;
    }

    /** Joins along an axis; rule: each part's slice of g. */
    public static Tensor concat(int axis, Tensor... parts) {
        int[] d = parts[0].dims();
        int ax = axis < 0 ? d.length + axis : axis;
        int total = 0;
        for (Tensor p : parts) {
            total += p.dim(ax);
        }
        d[ax] = total;
        Tensor y = out(parts[0].device(), d);
        int at = 0;
        int[] starts = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            starts[i] = at;
            be(y).copySlice(parts[i].storage(), parts[i].dims(), 0, y.storage(), d, at, ax, parts[i].dim(ax), false);
            at += parts[i].dim(ax);
        }
        record("concat", parts, g -> {
            Tensor[] gs = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                gs[i] = parts[i].requiresGrad() ? narrow(g[0], ax, starts[i], parts[i].dim(ax)) : null;
            }
            return gs;
        }, y);
        return y;
    }

    // ---- linear algebra ---------------------------------------------------------------------

    /**
     * {@code C = op(A) op(B)} on the last two axes; rule: {@code gA = g op(B)^T},
     * {@code gB = op(A)^T g} (transposes folded into the flags).
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        sameDevice(a, b);
        if (a.rank() == 3 && b.rank() == 2) {
            if (transA) {
                throw new IllegalArgumentException("3-D by 2-D matmul with a transposed left operand");
            }
            int batch = a.dim(0), m = a.dim(1);
            Tensor c2 = matmul(a.reshape(batch * m, a.dim(2)), b, false, transB);
            return c2.reshape(batch, m, c2.dim(1));
        }
        if (a.rank() != b.rank() || a.rank() < 2 || a.rank() > 3) {
            throw new IllegalArgumentException("matmul of " + a.shape() + " and " + b.shape());
        }
        boolean batched = a.rank() == 3;
        int batch = batched ? a.dim(0) : 1;
        if (batched && b.dim(0) != batch) {
            throw new IllegalArgumentException("matmul batch sizes differ: " + a.shape() + " and " + b.shape());
        }
        int m = transA ? a.dim(-1) : a.dim(-2);
        int k = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (k != kb) {
            throw new ShenduException("matmul inner sizes differ: " + a.shape() + (transA ? "^T" : "")
                    + " and " + b.shape() + (transB ? "^T" : ""));
        }
        Tensor c = batched ? out(a.device(), batch, m, n) : out(a.device(), m, n);
        be(a).matmul(a.storage(), (long) m * k, transA, b.storage(), (long) k * n, transB, c.storage(),
                (long) m * n, batch, m, n, k, false);
        record("matmul", new Tensor[] {a, b}, gs -> {
            Tensor g = gs[0];
            Tensor ga = null, gb = null;
            if (a.requiresGrad()) {
                ga = transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB);
            }
            if (b.requiresGrad()) {
                gb = transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false);
            }
            return new Tensor[] {ga, gb};
        }, c);
        return c;
    }

    // ---- softmax and indexing ---------------------------------------------------------------

    /** (Log-)softmax over the last axis; rule: {@code gx = y (g - sum(g y))} (or its log form). */
    public static Tensor softmax(Tensor x, boolean log) {
        int cols = x.dim(-1);
        int rows = cols == 0 ? 0 : Math.toIntExact(x.size() / cols);
        Tensor y = out(x.device(), x.dims());
        be(x).softmax(x.storage(), rows, cols, y.storage(), log);
        record(log ? "log_softmax" : "softmax", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), x.dims());
            be(x).softmaxBackward(y.storage(), g[0].storage(), rows, cols, gx.storage(), log);
            return new Tensor[] {gx};
        }, y);
        return y;
    }

    /**
     * Picks {@code x[r, ids[r]]} from each row of {@code x [rows, cols]}; returns the picked values
     * and a 0/1 validity mask ({@code ids[r] == ignoreIndex} gives 0 for both). Rule: g routed back to
     * the picked entries.
     */
    public static Tensor[] pick(Tensor x, Tensor ids, int ignoreIndex) {
        int rows = x.dim(0), cols = x.dim(1);
        if (ids.size() != rows || ids.dtype() != DType.INT32) {
            throw new IllegalArgumentException("pick needs " + rows + " int ids, got " + ids.shape() + " " + ids.dtype());
        }
        Tensor y = out(x.device(), rows);
        Tensor valid = out(x.device(), rows);
        be(x).pick(x.storage(), rows, cols, ids.storage(), ignoreIndex, y.storage(), valid.storage());
        record("pick", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), rows, cols);
            be(x).pickBackward(g[0].storage(), ids.storage(), rows, cols, ignoreIndex, gx.storage());
            return new Tensor[] {gx};
        }, y);
        return new Tensor[] {y, valid};
    }

    /**
     * Softmax cross-entropy of each row of logits {@code x [rows, cols]} against int labels: returns
     * the losses {@code log sum_j e^x[r, j] - x[r, ids[r]]} and a 0/1 validity mask (both 0 where
     * {@code ids[r] == ignoreIndex}). One primitive rather than log-softmax then pick, so the forward
     * pass writes nothing per class and the backward pass needs one exp per logit. Rule:
     * {@code gx[r, :] = g[r] (softmax(x[r, :]) - onehot(ids[r]))}, from the saved log-sum-exp.
     */
    public static Tensor[] crossEntropy(Tensor x, Tensor ids, int ignoreIndex) {
        int rows = x.dim(0), cols = x.dim(1);
        if (ids.size() != rows || ids.dtype() != DType.INT32) {
            throw new IllegalArgumentException("cross-entropy needs " + rows + " int labels, got " + ids.shape() + " "
                    + ids.dtype());
        }
        Tensor loss = out(x.device(), rows);
        Tensor valid = out(x.device(), rows);
        Tensor lse = out(x.device(), rows);
        be(x).crossEntropy(x.storage(), rows, cols, ids.storage(), ignoreIndex, loss.storage(), valid.storage(),
                lse.storage());
        record("cross_entropy", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), rows, cols);
            be(x).crossEntropyBackward(x.storage(), lse.storage(), ids.storage(), rows, cols, ignoreIndex,
                    g[0].storage(), gx.storage());
            return new Tensor[] {gx};
        }, loss);
        return new Tensor[] {loss, valid};
    }

    /**
     * Batch normalisation in training over channel axis 1 of {@code x [N, C, ...]}: returns
     * {@code y = (x - mean) / sqrt(var + eps) gamma + beta} with the batch's per-channel mean and
     * biased variance, then those two {@code [C]} statistics (not recorded: for running estimates).
     * One primitive so the forward pass writes only y and the backward pass only the gradients.
     * Rule: {@link org.shendu.core.spi.Backend#batchNormBackward}, through the batch statistics.
     */
    public static Tensor[] batchNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        sameDevice(x, gamma);
        sameDevice(x, beta);
        int channels = x.rank() < 2 ? -1 : x.dim(1);
        if (channels < 0 || gamma.size() != channels || beta.size() != channels) {
            throw new ShenduException("batch_norm of input " + x.shape() + " with gamma " + gamma.shape()
                    + " and beta " + beta.shape());
        }
        int outer = x.dim(0), inner = (int) (x.size() / Math.max(1, (long) outer * channels));
        Tensor y = out(x.device(), x.dims());
        Tensor mean = out(x.device(), channels);
        Tensor var = out(x.device(), channels);
        be(x).batchNorm(x.storage(), outer, channels, inner, gamma.storage(), beta.storage(), eps, y.storage(),
                mean.storage(), var.storage());
        record("batch_norm", new Tensor[] {x, gamma, beta}, g -> {
            Tensor gx = out(x.device(), x.dims());
            Tensor gGamma = out(x.device(), gamma.dims());
            Tensor gBeta = out(x.device(), beta.dims());
            be(x).batchNormBackward(x.storage(), g[0].storage(), outer, channels, inner, gamma.storage(),
                    mean.storage(), var.storage(), eps, gx.storage(), gGamma.storage(), gBeta.storage());
            return new Tensor[] {gx, gGamma, gBeta};
        }, y);
        return new Tensor[] {y, mean, var};
    }

    /** Rows of {@code table [V, D]} at int {@code ids} (any shape): an embedding lookup; rule: scatter-add. */
    public static Tensor gatherRows(Tensor table, Tensor ids) {
        if (ids.dtype() != DType.INT32) {
            throw new IllegalArgumentException("gatherRows needs int ids");
        }
        int cols = table.dim(1);
        int[] od = Arrays.copyOf(ids.dims(), ids.rank() + 1);
        od[ids.rank()] = cols;
        Tensor y = out(table.device(), od);
        be(table).gatherRows(table.storage(), cols, ids.storage(), y.storage());
        record("gather_rows", new Tensor[] {table}, g -> {
            Tensor gt = out(table.device(), table.dims());
            be(table).scatterAddRows(g[0].storage(), ids.storage(), cols, gt.storage());
            return new Tensor[] {gt};
        }, y);
        return y;
    }

    // ---- selection ----------------------------------------------------------------------------

    /**
     * The {@code k} largest entries along the last axis, largest first: {@code {values [..., k],
     * ids [..., k] (int)}}; NaN ranks above every number and equal values go lower index first.
     * Rule: g routed back to the chosen entries.
     */
    public static Tensor[] topk(Tensor x, int k) {
        if (x.rank() == 0 || k < 1 || k > x.dim(-1)) {
            throw new ShenduException("topk(" + k + ") of " + x.shape() + ": k must be in 1..size of the last axis");
        }
        int cols = x.dim(-1);
        int rows = Math.toIntExact(x.size() / cols);
        int[] od = x.dims();
        od[od.length - 1] = k;
        Tensor values = out(x.device(), od);
        Tensor ids = outInts(x.device(), od);
        be(x).topkRows(x.storage(), rows, cols, k, values.storage(), ids.storage());
        record("topk", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), x.dims());
            if (k == 1) {
                be(x).pickBackward(g[0].storage(), ids.storage(), rows, cols, -1, gx.storage());
            } else {
                // Each of the rows * k picks as its own one-hot row, then summed over k.
                try (Tensor hot = out(x.device(), rows * k, cols)) {
                    be(x).pickBackward(g[0].storage(), ids.storage(), rows * k, cols, -1, hot.storage());
                    be(x).sumTo(hot.storage(), new int[] {rows, k, cols}, gx.storage(), new int[] {rows, 1, cols});
                }
            }
            return new Tensor[] {gx};
        }, values);
        return new Tensor[] {values, ids};
    }

    /**
     * The largest entry along {@code axis} and its index (the first one where several are equal),
     * the axis removed: {@code {values, ids (int)}}. Rule: g to the winner (the {@link #topk} rule).
     */
    public static Tensor[] max(Tensor x, int axis) {
        int ax = axis < 0 ? x.rank() + axis : axis;
        if (ax < 0 || ax >= x.rank()) {
            throw new ShenduException("max along axis " + axis + " of " + x.shape());
        }
        int last = x.rank() - 1;
        Tensor moved = x;
        if (ax != last) {
            int[] axes = new int[x.rank()];
            for (int i = 0, j = 0; i < axes.length; i++) {
                if (i != ax) {
                    axes[j++] = i;
                }
            }
            axes[last] = ax;
            moved = permute(x, axes);
        }
        Tensor[] r = topk(moved, 1);
        int[] kept = new int[Math.max(1, last)];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != ax) {
                kept[j++] = x.dim(i);
            }
        }
        if (last == 0) {
            kept[0] = 1;
        }
        return new Tensor[] {r[0].reshape(kept), Tensor.view(r[1], Shape.of(kept))};
    }

    /**
     * {@code cond ? a : b} elementwise with broadcasting (cond nonzero, NaN included, is true); exact
     * for infinite values, which {@code cond a + (1 - cond) b} is not ({@code 0 * inf} is NaN).
     * Rule: g to a where cond holds, to b elsewhere (each summed back to its operand's shape).
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        sameDevice(cond, a);
        sameDevice(a, b);
        Shape s = Shape.broadcast(cond.shape(), Shape.broadcast(a.shape(), b.shape()));
        Tensor out = out(a.device(), s.dims());
        int r = s.rank();
        be(a).where(cond.storage(), cond.shape().padTo(r), a.storage(), a.shape().padTo(r), b.storage(),
                b.shape().padTo(r), out.storage(), s.dims());
        record("where", new Tensor[] {a, b}, g -> {
            Tensor zero = a.device().zeros(1);
            return new Tensor[] {
                a.requiresGrad() ? reduce(where(cond, g[0], zero), a) : null,
                b.requiresGrad() ? reduce(where(cond, zero, g[0]), b) : null};
        }, out);
        return out;
    }

    // ---- convolution and pooling ------------------------------------------------------------

    /**
     * 2-D cross-correlation of {@code x [N, C, H, W]} with {@code w [O, C, kh, kw]} (no bias);
     * rule: {@code gx} by the transposed convolution, {@code gw} by correlating x with g.
     */
    public static Tensor conv2d(Tensor x, Tensor w, int stride, int padding) {
        sameDevice(x, w);
        int o = w.dim(0);
        if (x.rank() != 4 || w.rank() != 4 || w.dim(1) != x.dim(1)) {
            throw new ShenduException("conv2d of input " + x.shape() + " with weight " + w.shape());
        }
        ConvGeometry geo = new ConvGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(2), w.dim(3), stride, padding);
        Tensor y = out(x.device(), x.dim(0), o, geo.outHeight(), geo.outWidth());
        be(x).conv2d(x.storage(), w.storage(), o, geo, y.storage());
        record("conv2d", new Tensor[] {x, w}, g -> {
            Tensor gx = null, gw = null;
            if (x.requiresGrad()) {
                gx = out(x.device(), x.dims());
                be(x).conv2dBackwardInput(g[0].storage(), w.storage(), o, geo, gx.storage());
            }
            if (w.requiresGrad()) {
                gw = out(x.device(), w.dims());
                be(x).conv2dBackwardWeight(x.storage(), g[0].storage(), o, geo, gw.storage(), false);
            }
            return new Tensor[] {gx, gw};
        }, y);
        return y;
    }

    /**
     * Transposed convolution of {@code x [N, Cin, H, W]} with {@code w [Cin, Cout, kh, kw]}: output
     * size {@code (H - 1) stride - 2 padding + kh}. It is the input gradient of a convolution, so its
     * rule uses the convolution forward (for gx) and weight gradient (for gw).
     */
    public static Tensor convTranspose2d(Tensor x, Tensor w, int stride, int padding) {
        sameDevice(x, w);
        if (x.rank() != 4 || w.rank() != 4 || w.dim(0) != x.dim(1)) {
            throw new ShenduException("conv_transpose2d of input " + x.shape() + " with weight " + w.shape());
        }
        int cin = x.dim(1), cout = w.dim(1);
        int oh = (x.dim(2) - 1) * stride - 2 * padding + w.dim(2);
        int ow = (x.dim(3) - 1) * stride - 2 * padding + w.dim(3);
        ConvGeometry geo = new ConvGeometry(x.dim(0), cout, oh, ow, w.dim(2), w.dim(3), stride, padding);
        Tensor y = out(x.device(), x.dim(0), cout, oh, ow);
        be(x).conv2dBackwardInput(x.storage(), w.storage(), cin, geo, y.storage());
        record("conv_transpose2d", new Tensor[] {x, w}, g -> {
            Tensor gx = null, gw = null;
            if (x.requiresGrad()) {
                gx = out(x.device(), x.dims());
                be(x).conv2d(g[0].storage(), w.storage(), cin, geo, gx.storage());
            }
            if (w.requiresGrad()) {
                gw = out(x.device(), w.dims());
                be(x).conv2dBackwardWeight(g[0].storage(), x.storage(), cin, geo, gw.storage(), false);
            }
            return new Tensor[] {gx, gw};
        }, y);
        return y;
    }

    /** Max pooling over square windows (no padding); rule: g routed to each window's maximum. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h - kernel) / stride + 1, ow = (w - kernel) / stride + 1;
        Tensor y = out(x.device(), n, c, oh, ow);
        Tensor argmax = outInts(x.device(), n, c, oh, ow);
        be(x).maxPool2d(x.storage(), n * c, h, w, kernel, stride, y.storage(), argmax.storage());
        record("max_pool2d", new Tensor[] {x}, g -> {
            Tensor gx = out(x.device(), x.dims());
            be(x).maxPool2dBackward(g[0].storage(), argmax.storage(), gx.storage());
            return new Tensor[] {gx};
        }, y);
        return y;
    }

    // ---- recurrent --------------------------------------------------------------------------

    /**
     * One LSTM layer in one direction (the backend's fused op): {@code x [T, B, I]}, weights
     * {@code wIh [4H, I]}, {@code wHh [4H, H]}, biases {@code [4H]}, initial state {@code [B, H]},
     * optional host {@code lengths}. Returns {@code y [T, B, H]}, {@code hT}, {@code cT}; the rule is the
     * backend's fused backward (back-propagation through time).
     */
    public static Tensor[] lstm(Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, Tensor h0, Tensor c0,
                                int[] lengths) {
        int steps = x.dim(0), batch = x.dim(1), in = x.dim(2), hidden = wHh.dim(1);
        LstmGeometry geo = new LstmGeometry(steps, batch, in, hidden);
        Backend backend = be(x);
        Tensor y = out(x.device(), steps, batch, hidden);
        Tensor hT = out(x.device(), batch, hidden);
        Tensor cT = out(x.device(), batch, hidden);
        Tensor reserve = out(x.device(), Math.toIntExact(backend.lstmReserveLength(geo)));
        backend.lstmForward(geo, x.storage(), wIh.storage(), wHh.storage(), bIh.storage(), bHh.storage(),
                h0.storage(), c0.storage(), lengths, y.storage(), hT.storage(), cT.storage(), reserve.storage());
        Tensor[] inputs = {x, wIh, wHh, bIh, bHh, h0, c0};
        record("lstm", inputs, g -> {
            Tensor gx = out(x.device(), x.dims());
            Tensor gwIh = out(x.device(), wIh.dims());
            Tensor gwHh = out(x.device(), wHh.dims());
            Tensor gbIh = out(x.device(), bIh.dims());
            Tensor gbHh = out(x.device(), bHh.dims());
            Tensor gh0 = out(x.device(), h0.dims());
            Tensor gc0 = out(x.device(), c0.dims());
            backend.lstmBackward(geo, x.storage(), wIh.storage(), wHh.storage(), h0.storage(), c0.storage(),
                    lengths, reserve.storage(), g[0].storage(), g[1].storage(), g[2].storage(),
                    gx.storage(), gwIh.storage(), gwHh.storage(), gbIh.storage(), gbHh.storage(),
                    gh0.storage(), gc0.storage());
            return new Tensor[] {gx, gwIh, gwHh, gbIh, gbHh, gh0, gc0};
        }, y, hT, cT);
        return new Tensor[] {y, hT, cT};
    }

    // ---- random -----------------------------------------------------------------------------

    /** A dropout mask: {@code 1/(1-p)} with probability {@code 1-p}, else 0 (no gradient). */
    public static Tensor dropoutMask(Device d, float p, int... shape) {
        Tensor m = out(d, shape);
        d.backend().randomBernoulli(m.storage(), d.nextSeed(), 1 - p, 1 / (1 - p));
        return m;
    }
}
