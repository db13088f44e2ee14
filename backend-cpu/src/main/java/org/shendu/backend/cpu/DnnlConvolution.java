package org.shendu.backend.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.shendu.core.spi.ConvGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm.convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.prop_kind.forward_training;
import static org.bytedeco.dnnl.global.dnnl.scratchpad_mode.user;

/**
 * Convolutions by oneDNN's direct kernels (the library PyTorch's CPU convolutions run on), through
 * its JavaCPP preset: forward, backward-data and backward-weights primitives, built once per
 * geometry and kept. The kernels want blocked layouts (channels in groups of 8 or 16); given plain
 * NCHW they fall back to a reference loop a hundred times slower, so each primitive chooses its
 * layouts and the NCHW arrays are reordered in and out around it.
 *
 * <p>Tensors live in Java arrays, so every call copies its inputs into native staging buffers and
 * its output back; each thread's buffers are shared by all geometries and grown as needed (native
 * memory about six times the largest slice convolved, plus the largest primitive scratchpad, which
 * is the thread's own so that slices can run at once). oneDNN itself runs single-threaded; the
 * backend's threads share a batch by slices (see {@link #run}). When the native library cannot
 * load, {@link #PROBLEM} says why and {@link CpuConvolution} keeps its im2col path.
 */
final class DnnlConvolution {
    private static final Logger LOG = LoggerFactory.getLogger(DnnlConvolution.class);
    static final String PROBLEM;
    private static final engine ENGINE;
    /**
     * Every primitive takes its scratchpad from the caller (the calling thread's lane): with the
     * library's own, primitives created on one thread share that thread's scratchpad, and slices
     * running on two threads overwrote each other's (dcgan64 at two threads gave a different loss
     * on every run).
     */
    private static final primitive_attr USER_SCRATCHPAD;

    static {
        String problem = null;
        engine eng = null;
        primitive_attr attr = null;
        try {
            Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            eng = new engine(engine.kind.cpu, 0);
            attr = new primitive_attr();
            attr.set_scratchpad_mode(user);
        } catch (Throwable e) {
            problem = e.toString();
            LOG.warn("oneDNN did not load, convolutions run as im2col + matrix products: {}", problem);
        }
        PROBLEM = problem;
        ENGINE = eng;
        USER_SCRATCHPAD = attr;
    }

    static boolean loaded() {
        return PROBLEM == null;
    }

    static String describe() {
        return PROBLEM == null ? "oneDNN 3.11 convolutions" : "im2col convolutions (" + PROBLEM + ")";
    }

    /** The op a plan runs. */
    private enum Op { FORWARD, BACKWARD_DATA, BACKWARD_WEIGHTS }

    private record Key(ConvGeometry g, int outChannels) {}

    /** The most recently used plans; an evicted plan frees its native memory. */
    private static final int MAX_PLANS = 32;
    private final Map<Key, Plan> plans = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Plan> eldest) {
            if (size() > MAX_PLANS) {
                if (eldest.getValue() != null) {
                    eldest.getValue().close();
                }
                return true;
            }
            return false;
        }
    };
    private final Parallel parallel;
    /** Each calling thread's stream and staging buffers (a stream is not thread-safe). */
    private final ThreadLocal<Lane> lanes = ThreadLocal.withInitial(Lane::new);

    DnnlConvolution(Parallel parallel) {
        this.parallel = parallel;
    }

    /** {@code y = conv(x, w)}: x {@code [N, C, H, W]}, w {@code [O, C, kh, kw]}, y {@code [N, O, oh, ow]}. */
    boolean forward(float[] x, float[] w, int outChannels, ConvGeometry g, float[] y) {
        return run(Op.FORWARD, g, outChannels, x, w, y, false);
    }

    /** {@code gx = conv^T(gy, w)}, overwriting gx. */
    boolean backwardData(float[] gy, float[] w, int outChannels, ConvGeometry g, float[] gx) {
        return run(Op.BACKWARD_DATA, g, outChannels, gy, w, gx, false);
    }

    /** {@code gw (+)= sum_n gy_n (x) x_n}. */
    boolean backwardWeights(float[] x, float[] gy, int outChannels, ConvGeometry g, float[] gw, boolean accumulate) {
        return run(Op.BACKWARD_WEIGHTS, g, outChannels, x, gy, gw, accumulate);
    }

    /**
     * Runs the op over the batch. On several threads the batch is cut into twice as many slices
     * as threads, run as tasks of the backend's pool, each by single-threaded oneDNN: a slice
     * waiting for a core that another process holds is taken by the free worker, where oneDNN's own
     * OpenMP team would wait at a barrier for the descheduled thread (measured on the shared
     * 2-core machine: two OpenMP threads ran the DCGAN at two thirds of one thread's speed).
     */
    private synchronized boolean run(Op op, ConvGeometry g, int O, float[] a, float[] b, float[] out,
                                     boolean accumulate) {
        if (PROBLEM != null) {
            return false;
        }
        int n = g.batch(), threads = parallel.threads();
        int per = threads > 1 ? (n + 2 * threads - 1) / (2 * threads) : n;
        int slices = (n + per - 1) / per, lastSize = n - (slices - 1) * per;
        OpenMp.setThreads(1);
        Plan full = plan(g, per, O), last = plan(g, lastSize, O);
        if (full == null || last == null) {
            return false;
        }
        long imageIn = (long) g.channels() * g.height() * g.width(), imageOut = (long) O * g.colCols();
        if (slices == 1) {
            full.step(op).run(lanes.get(), new float[][] {a, b}, new int[] {0, 0}, out, 0, accumulate, true);
            return true;
        }
        float[][] partial = op == Op.BACKWARD_WEIGHTS ? new float[slices][out.length] : null;
        long work = (long) per * O * g.colRows() * g.colCols();
        parallel.forRange(slices, work, (s0, s1) -> {
            OpenMp.setThreads(1);
            for (int s = s0; s < s1; s++) {
                Plan p = s == slices - 1 ? last : full;
                int n0 = s * per;
                int aOff = (int) (n0 * (op == Op.BACKWARD_DATA ? imageOut : imageIn));
                int bOff = op == Op.BACKWARD_WEIGHTS ? (int) (n0 * imageOut) : 0;
                int outOff = op == Op.FORWARD ? (int) (n0 * imageOut) : op == Op.BACKWARD_DATA ? (int) (n0 * imageIn) : 0;
                float[] target = partial != null ? partial[s] : out;
                p.step(op).run(lanes.get(), new float[][] {a, b}, new int[] {aOff, bOff}, target, outOff, false, false);
            }
        });
        if (partial != null) {
            for (int s = 0; s < slices; s++) {
                float[] ps = partial[s];
                boolean add = accumulate || s > 0;
                for (int i = 0; i < out.length; i++) {
                    out[i] = add ? out[i] + ps[i] : ps[i];
                }
            }
        }
        return true;
    }

    /** The plan of a slice of {@code batch} images, or null when oneDNN refuses the geometry. */
    private Plan plan(ConvGeometry whole, int batch, int outChannels) {
        ConvGeometry g = new ConvGeometry(batch, whole.channels(), whole.height(), whole.width(), whole.kernelH(),
                whole.kernelW(), whole.stride(), whole.padding());
        Key key = new Key(g, outChannels);
        if (!plans.containsKey(key)) {
            Plan p = null;
            try {
                p = new Plan(g, outChannels);
            } catch (RuntimeException e) {
                LOG.debug("oneDNN refuses convolution {} -> {} channels, im2col instead: {}", g, outChannels, e.toString());
            }
            plans.put(key, p);
        }
        return plans.get(key);
    }

    /** A thread's stream and native staging buffers. */
    private static final class Lane {
        final stream stream = new stream(ENGINE);
        final Staging staging = new Staging();
    }

    /** The three primitives of one geometry, created together (so a refusal shows at once). */
    private static final class Plan {
        private final memory.desc src, weights, dst, anySrc, anyWeights, anyDst;
        private final long[] strides, padL, padR;
        private final convolution_forward.primitive_desc forwardDesc;
        private Step forward, backwardData, backwardWeights;
        private final Held input = new Held(), outputGradient = new Held();

        Plan(ConvGeometry g, int outChannels) {
            int oh = g.outHeight(), ow = g.outWidth(), s = g.stride(), p = g.padding();
            long[] srcDims = {g.batch(), g.channels(), g.height(), g.width()};
            long[] weightDims = {outChannels, g.channels(), g.kernelH(), g.kernelW()};
            long[] dstDims = {g.batch(), outChannels, oh, ow};
            src = desc(srcDims, memory.format_tag.nchw);
            weights = desc(weightDims, memory.format_tag.oihw);
            dst = desc(dstDims, memory.format_tag.nchw);
            anySrc = desc(srcDims, memory.format_tag.any);
            anyWeights = desc(weightDims, memory.format_tag.any);
            anyDst = desc(dstDims, memory.format_tag.any);
            strides = new long[] {s, s};
            padL = new long[] {p, p};
            // The far side pads only what the last window reaches (the output size rounds down).
            padR = new long[] {(oh - 1) * s + g.kernelH() - g.height() - p, (ow - 1) * s + g.kernelW() - g.width() - p};
            forwardDesc = new convolution_forward.primitive_desc(ENGINE, forward_training, convolution_direct,
                    anySrc, anyWeights, anyDst, strides, padL, padR, USER_SCRATCHPAD, false);
            forward();
            backwardData();
            backwardWeights();
        }

        Step step(Op op) {
            return switch (op) {
                case FORWARD -> forward();
                case BACKWARD_DATA -> backwardData();
                case BACKWARD_WEIGHTS -> backwardWeights();
            };
        }

        void close() {
            input.close();
            outputGradient.close();
        }

        private static memory.desc desc(long[] dims, memory.format_tag tag) {
            return new memory.desc(dims, memory.data_type.f32, tag);
        }

        Step forward() {
            if (forward == null) {
                convolution_forward.primitive_desc pd = forwardDesc;
                forward = new Step(new convolution_forward(pd), pd.scratchpad_desc(),
                        new Port[] {new Port(DNNL_ARG_SRC, src, pd.src_desc(), true, input, false),
                                new Port(DNNL_ARG_WEIGHTS, weights, pd.weights_desc(), true)},
                        new Port(DNNL_ARG_DST, dst, pd.dst_desc(), false));
            }
            return forward;
        }

        Step backwardData() {
            if (backwardData == null) {
                convolution_backward_data.primitive_desc pd = new convolution_backward_data.primitive_desc(ENGINE,
                        convolution_direct, anySrc, anyWeights, anyDst, strides, padL, padR, forwardDesc, USER_SCRATCHPAD,
                        false);
                backwardData = new Step(new convolution_backward_data(pd), pd.scratchpad_desc(),
                        new Port[] {new Port(DNNL_ARG_DIFF_DST, dst, pd.diff_dst_desc(), true, outputGradient, false),
                                new Port(DNNL_ARG_WEIGHTS, weights, pd.weights_desc(), true)},
                        new Port(DNNL_ARG_DIFF_SRC, src, pd.diff_src_desc(), false));
            }
            return backwardData;
        }

        Step backwardWeights() {
            if (backwardWeights == null) {
                convolution_backward_weights.primitive_desc pd = new convolution_backward_weights.primitive_desc(
                        ENGINE, convolution_direct, anySrc, anyWeights, anyDst, strides, padL, padR, forwardDesc,
                        USER_SCRATCHPAD, false);
                backwardWeights = new Step(new convolution_backward_weights(pd), pd.scratchpad_desc(),
                        new Port[] {new Port(DNNL_ARG_SRC, src, pd.src_desc(), true, input, true),
                                new Port(DNNL_ARG_DIFF_DST, dst, pd.diff_dst_desc(), true, outputGradient, true)},
                        new Port(DNNL_ARG_DIFF_WEIGHTS, weights, pd.diff_weights_desc(), false));
            }
            return backwardWeights;
        }
    }

    /**
     * One argument of a primitive: its plain layout (the Java array's), the layout the primitive
     * chose, and the reorder between them (null when they agree).
     */
    private static final class Port {
        final int arg;
        final memory.desc plain, chosen;
        final reorder reorder;
        final long floats, chosenFloats;
        final Held held;
        final boolean consumes;

        Port(int arg, memory.desc plain, memory.desc chosen, boolean input) {
            this(arg, plain, chosen, input, null, false);
        }

        /** An input kept in {@code held}: copied afresh and kept, or (consumes) reused once if kept. */
        Port(int arg, memory.desc plain, memory.desc chosen, boolean input, Held held, boolean consumes) {
            this.arg = arg;
            this.held = held;
            this.consumes = consumes;
            this.plain = plain;
            this.chosen = chosen;
            this.floats = plain.get_size() / Float.BYTES;
            this.chosenFloats = chosen.get_size() / Float.BYTES;
            this.reorder = plain.equals(chosen) ? null : reorder(input ? plain : chosen, input ? chosen : plain);
        }

        /** A reorder that needs no scratchpad (so it may run on several threads at once), or a refusal. */
        private static reorder reorder(memory.desc from, memory.desc to) {
            reorder.primitive_desc pd = new reorder.primitive_desc(ENGINE, from, ENGINE, to, USER_SCRATCHPAD, false);
            if (pd.scratchpad_desc().get_size() > 0) {
                throw new IllegalStateException("the reorder wants a scratchpad");
            }
            return new reorder(pd);
        }
    }

    /** A primitive with its ports: inputs copied in (and reordered), then the output back out. */
    private record Step(primitive primitive, memory.desc scratchpad, Port[] inputs, Port output) {

        /**
         * Inputs from {@code in[i]} at {@code inOffset[i]}, the output to {@code out} at {@code
         * outOffset}; {@code hold} lets held inputs be kept and reused (only when the whole batch
         * runs as one slice: slices of equal size share a plan).
         */
        void run(Lane lane, float[][] in, int[] inOffset, float[] out, int outOffset, boolean accumulate,
                 boolean hold) {
            Staging st = lane.staging;
            stream s = lane.stream;
            IntMemoryMap args = new IntMemoryMap();
            memory[] made = new memory[2 * inputs.length + 3];
            int m = 0;
            for (int i = 0; i < inputs.length; i++) {
                Port p = inputs[i];
                if (hold && p.held != null) {
                    args.put(p.arg, p.held.take(p, in[i], st.buffer(2 * i, p.floats), s));
                    continue;
                }
                FloatPointer staged = st.buffer(2 * i, p.floats).put(in[i], inOffset[i], (int) p.floats);
                memory plain = new memory(p.plain, ENGINE, staged);
                made[m++] = plain;
                memory used = plain;
                if (p.reorder != null) {
                    used = new memory(p.chosen, ENGINE, st.buffer(2 * i + 1, p.chosenFloats));
                    made[m++] = used;
                    p.reorder.execute(s, plain, used);
                }
                args.put(p.arg, used);
            }
            Port o = output;
            int slot = 2 * inputs.length;
            FloatPointer outPlain = st.buffer(slot, o.floats);
            memory plain = new memory(o.plain, ENGINE, outPlain);
            made[m++] = plain;
            memory result = plain;
            if (o.reorder != null) {
                result = new memory(o.chosen, ENGINE, st.buffer(slot + 1, o.chosenFloats));
                made[m++] = result;
            }
            args.put(o.arg, result);
            long scratchBytes = scratchpad.get_size();
            if (scratchBytes > 0) {
                memory sp = new memory(scratchpad, ENGINE, st.buffer(SCRATCH_SLOT, (scratchBytes + Float.BYTES - 1) / Float.BYTES));
                made[m++] = sp;
                args.put(DNNL_ARG_SCRATCHPAD, sp);
            }
            primitive.execute(s, args);
            if (o.reorder != null) {
                o.reorder.execute(s, result, plain);
            }
            s._wait();
            if (accumulate) {
                float[] tmp = st.scratch((int) o.floats);
                outPlain.get(tmp, 0, (int) o.floats);
                for (int i = 0; i < o.floats; i++) {
                    out[outOffset + i] += tmp[i];
                }
            } else {
                outPlain.get(out, outOffset, (int) o.floats);
            }
            args.close();
            for (int i = 0; i < m; i++) {
                made[i].close();
            }
        }
    }

    /**
     * An activation or gradient already in a primitive's layout, kept for the next primitive of the
     * same geometry that reads the same array: the forward pass's input for the weight gradient,
     * the output gradient for both backward passes (which run back to back). Keyed by the array's
     * identity, like {@link CpuConvolution}'s kept columns: tensors are immutable, and only the
     * weights, which are never held, change in place. A producer always copies afresh (a gradient
     * check perturbs inputs in place between forward passes); the weight gradient reuses and forgets.
     */
    private static final class Held {
        private float[] array;
        private memory.desc desc;
        private FloatPointer buffer;
        private memory memory;

        void close() {
            if (memory != null) {
                memory.close();
                buffer.close();
            }
            memory = null;
            buffer = null;
            array = null;
        }

        /** The memory holding {@code a} in the port's layout, copied and reordered unless reusable. */
        memory take(Port p, float[] a, FloatPointer staging, stream s) {
            if (p.consumes && a == array && desc.equals(p.chosen)) {
                array = null;
                return memory;
            }
            if (buffer == null || buffer.capacity() < p.chosenFloats) {
                if (memory != null) {
                    memory.close();
                    buffer.close();
                }
                buffer = new FloatPointer(p.chosenFloats);
                memory = null;
            }
            if (memory == null || !desc.equals(p.chosen)) {
                if (memory != null) {
                    memory.close();
                }
                memory = new memory(p.chosen, ENGINE, buffer);
                desc = p.chosen;
            }
            array = p.consumes ? null : a;
            if (p.reorder == null) {
                buffer.put(a, 0, (int) p.floats);
            } else {
                memory plain = new memory(p.plain, ENGINE, staging.put(a, 0, (int) p.floats));
                p.reorder.execute(s, plain, memory);
                plain.close();
            }
            return memory;
        }
    }

    /** The staging slot of a primitive's scratchpad (after two per input and two for the output). */
    private static final int SCRATCH_SLOT = 6;

    /** Native buffers by slot, grown as needed and kept, and a Java scratch array for accumulation. */
    private static final class Staging {
        private final FloatPointer[] slots = new FloatPointer[SCRATCH_SLOT + 1];
        private float[] scratch = new float[0];

        FloatPointer buffer(int slot, long floats) {
            FloatPointer p = slots[slot];
            if (p == null || p.capacity() < floats) {
                if (p != null) {
                    p.close();
                }
                p = new FloatPointer(Math.max(floats, p == null ? 0 : p.capacity() * 3 / 2));
                slots[slot] = p;
            }
            return p;
        }

        float[] scratch(int floats) {
            if (scratch.length < floats) {
                scratch = new float[floats];
            }
            return scratch;
        }
    }
}
