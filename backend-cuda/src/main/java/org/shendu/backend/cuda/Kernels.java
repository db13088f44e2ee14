package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import org.shendu.core.ShenduException;

/**
 * Our CUDA kernels: the fatbin {@code kernels.fatbin} (built from {@code src/main/cuda} by
 * {@code build-kernels.sh}) loaded with {@code cuModuleLoadData}, and the one table that declares
 * every kernel the backend launches with its parameter types. {@code KernelAbiTest} checks that
 * table against {@code kernels.manifest}, which the build script reads from the compiled PTX, so a
 * Java launch and its kernel can never disagree on the number or size of the arguments; each launch
 * also checks its arguments against the declaration before anything reaches the driver.
 */
final class Kernels implements AutoCloseable {
    static final String FATBIN = "kernels.fatbin";
    static final String MANIFEST = "kernels.manifest";

    /** A kernel parameter type and its size in bytes, as the PTX declares it. */
    enum Param {
        INT(4),
        FLOAT(4),
        LONG(8),
        POINTER(8),
        /** the {@code Dims8} struct: 8 ints */
        DIMS8(32),
        /** the {@code ConvGeo} struct: 10 ints */
        CONV_GEO(40);

        final int bytes;

        Param(int bytes) {
            this.bytes = bytes;
        }
    }

    /** A kernel's name in the module and its parameters in order. */
    record Kernel(String name, List<Param> params) {}

    private static final List<Kernel> DECLARED = new ArrayList<>();

    private static Kernel declare(String name, Param... params) {
        Kernel k = new Kernel(name, List.of(params));
        DECLARED.add(k);
        return k;
    }

    private static final Param I = Param.INT, F = Param.FLOAT, L = Param.LONG, P = Param.POINTER,
            D = Param.DIMS8, G = Param.CONV_GEO;

    // ---- the launch table: one line per kernel, parameters as in the .cu signature -------------
    static final Kernel UNARY_FORWARD = declare("unary_forward", I, F, P, P, I);
    static final Kernel UNARY_BACKWARD = declare("unary_backward", I, F, P, P, P, P, I);
    static final Kernel BINARY_SAME = declare("binary_same", I, P, P, P, I);
    static final Kernel BINARY_BROADCAST = declare("binary_broadcast", I, P, D, P, D, P, D, I, I);
    static final Kernel ADD_INTO = declare("add_into", P, P, I);
    static final Kernel ADAM_STEP = declare("adam_step", P, P, P, P, F, F, F, F, F, I);
    static final Kernel SUM_TO = declare("sum_to", P, D, D, I, D, D, I, P, I, I);
    static final Kernel SUM_ROWS = declare("sum_rows", P, I, I, P);
    static final Kernel SOFTMAX_ROWS = declare("softmax_rows", P, P, I, I, I);
    static final Kernel SOFTMAX_ROWS_BACKWARD = declare("softmax_rows_backward", P, P, P, I, I, I);
    static final Kernel TOPK_ROWS = declare("topk_rows", P, P, P, I, I, I);
    static final Kernel SGEMM = declare("sgemm", P, L, I, P, L, I, P, L, I, I, I, I, I, I);
    static final Kernel PERMUTE = declare("permute", P, P, D, D, I, I);
    static final Kernel COPY_SLICE = declare("copy_slice", P, L, L, P, L, L, L, I, L);
    static final Kernel ZERO_PAST_LENGTHS = declare("zero_past_lengths", P, P, I, I, I, L);
    static final Kernel GATHER_ROWS = declare("gather_rows", P, I, I, P, P, I, P);
    static final Kernel SCATTER_ADD_ROWS = declare("scatter_add_rows", P, P, I, P, I, I, P);
    static final Kernel PICK = declare("pick", P, I, I, P, I, P, P, P);
    static final Kernel PICK_BACKWARD = declare("pick_backward", P, P, I, I, I, P);
    static final Kernel RANDOM_UNIFORM = declare("random_uniform", P, L, F, F, I);
    static final Kernel RANDOM_NORMAL = declare("random_normal", P, L, F, F, I);
    static final Kernel RANDOM_BERNOULLI = declare("random_bernoulli", P, L, F, F, I);
    static final Kernel IM2COL = declare("im2col", P, G, P, L);
    static final Kernel COL2IM = declare("col2im", P, G, P, L);
    static final Kernel MAX_POOL2D = declare("max_pool2d", P, I, I, I, I, I, I, P, P, L);
    static final Kernel MAX_POOL2D_BACKWARD = declare("max_pool2d_backward", P, P, P, I);

    /** Every kernel the backend launches. */
    static List<Kernel> declared() {
        return List.copyOf(DECLARED);
    }

    /** Threads per block of the element-wise kernels, and of the row reductions (REDUCE_THREADS). */
    static final int BLOCK = 256;

    private final CUmodule module = new CUmodule();
    private final Map<Kernel, CUfunction> functions = new HashMap<>();
    private final CUstream stream;
    private final int maxBlocks;

    /** Loads the fatbin into the current context; {@code multiprocessors} sizes the element-wise grids. */
    Kernels(CUstream stream, int multiprocessors) {
        this.stream = stream;
        // Enough blocks to fill every SM several times over; the grid-stride loops do the rest.
        this.maxBlocks = Math.max(1, multiprocessors) * 16;
        byte[] image = fatbin();
        CudaCall.run("cuModuleLoadData(" + FATBIN + ")", () -> cuModuleLoadData(module, image));
        for (Kernel k : DECLARED) {
            CUfunction f = new CUfunction();
            CudaCall.run("cuModuleGetFunction(" + k.name() + ")", () -> cuModuleGetFunction(f, module, k.name()));
            functions.put(k, f);
        }
    }

    static byte[] fatbin() {
        try (InputStream in = Kernels.class.getResourceAsStream(FATBIN)) {
            if (in == null) {
                throw new ShenduException(FATBIN + " is missing from the class path (run backend-cuda/build-kernels.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ShenduException("cannot read " + FATBIN + ": " + e.getMessage(), e);
        }
    }

    /** Launches an element-wise kernel over {@code n} elements (nothing when n is 0). */
    void launch(Kernel k, long n, Object... args) {
        if (n <= 0) {
            return;
        }
        int blocks = (int) Math.min(maxBlocks, (n + BLOCK - 1) / BLOCK);
        launchGrid(k, blocks, 1, 1, BLOCK, args);
    }

    /** Launches one block per row (a reduction or softmax), up to the grid limit; blocks stride over rows. */
    void launchRows(Kernel k, long rows, Object... args) {
        if (rows <= 0) {
            return;
        }
        launchGrid(k, (int) Math.min(rows, 65_535), 1, 1, BLOCK, args);
    }

    /** Launches {@code k} on the backend's stream with an explicit grid. */
    void launchGrid(Kernel k, int gridX, int gridY, int gridZ, int block, Object... args) {
        Pointer params = parameters(k, args);
        CUfunction f = functions.get(k);
        CudaCall.run("cuLaunchKernel(" + k.name() + ", grid " + gridX + "x" + gridY + "x" + gridZ + ")",
                () -> cuLaunchKernel(f, gridX, gridY, gridZ, block, 1, 1, 0, stream, params, null));
    }

    /** The kernelParams array: one pointer to each argument's bytes, checked against the declaration. */
    static Pointer parameters(Kernel k, Object... args) {
        if (args.length != k.params().size()) {
            throw new IllegalArgumentException(k.name() + ": " + args.length + " arguments for "
                    + k.params().size() + " parameters");
        }
        Pointer[] ps = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Param want = k.params().get(i);
            Object a = args[i];
            ps[i] = switch (want) {
                case INT -> a instanceof Integer v ? Pointer.to(new int[] {v}) : null;
                case FLOAT -> a instanceof Float v ? Pointer.to(new float[] {v}) : null;
                case LONG -> a instanceof Long v ? Pointer.to(new long[] {v}) : null;
                case POINTER -> a instanceof Pointer v ? Pointer.to(v) : null;
                case DIMS8 -> a instanceof int[] v && v.length == 8 ? Pointer.to(v) : null;
                case CONV_GEO -> a instanceof int[] v && v.length == 10 ? Pointer.to(v) : null;
            };
            if (ps[i] == null) {
                throw new IllegalArgumentException(k.name() + " argument " + i + ": expected " + want + ", got "
                        + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
        return Pointer.to(ps);
    }

    @Override
    public void close() {
        cuModuleUnload(module);
    }
}
