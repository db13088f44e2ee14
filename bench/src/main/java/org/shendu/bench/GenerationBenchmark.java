package org.shendu.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Lstm;
import org.shendu.core.nn.RecurrentState;

/**
 * Generating text one token at a time with the {@code char_lstm_poetry} sizes (Embedding(6000,
 * 128), LSTM 128 -> 256 two layers, Linear(256, 6000)): {@link Lstm#step} carrying the state
 * (O(length)) against re-running the whole prefix for every token (O(length^2)). Greedy choice
 * on the host, so both ways must produce the same tokens, which the run checks. Run as
 * {@code java -cp cli/target/shendu.jar org.shendu.bench.GenerationBenchmark [device] [tokens]
 * [rounds] [threads] [batch]}.
 */
public final class GenerationBenchmark {
    private static final int VOCAB = 6000, EMBED = 128, HIDDEN = 256, LAYERS = 2;

    private final Embedding embedding;
    private final Lstm lstm;
    private final Linear head;
    private final Device device;
    private final int batch;

    GenerationBenchmark(Device device, int batch) {
        this.device = device;
        this.batch = batch;
        device.manualSeed(0);
        embedding = new Embedding(device, VOCAB, EMBED);
        lstm = Lstm.builder(device, EMBED, HIDDEN).layers(LAYERS).batchFirst(true).build();
        head = new Linear(device, HIDDEN, VOCAB);
        lstm.eval();
    }

    /** The greedy choice of each row of {@code [B, V]} logits. */
    private static int[] argmax(float[] v, int batch) {
        int[] best = new int[batch];
        int width = v.length / batch;
        for (int b = 0; b < batch; b++) {
            for (int i = 1; i < width; i++) {
                if (v[b * width + i] > v[b * width + best[b]]) {
                    best[b] = i;
                }
            }
        }
        return best;
    }

    /** {@code tokens} tokens after tokens 1..B, advancing the carried state one token per call; {@code [T][B]}. */
    int[][] withStep(int tokens) {
        int[][] out = new int[tokens][];
        int[] last = first();
        RecurrentState state = null;
        try (GradMode off = GradMode.off()) {
            for (int t = 0; t < tokens; t++) {
                try (Scope s = Scope.open()) {
                    Tensor x = embedding.forward(device.ints(last, batch));
                    var step = lstm.step(x, state);
                    last = argmax(head.forward(step.output()).toFloatArray(), batch);
                    RecurrentState next = step.state().keep(s);
                    if (state != null) {
                        state.close();
                    }
                    state = next;
                }
                out[t] = last;
            }
        }
        if (state != null) {
            state.close();
        }
        return out;
    }

    private int[] first() {
        int[] f = new int[batch];
        for (int b = 0; b < batch; b++) {
            f[b] = 1 + b;
        }
        return f;
    }

    /** The same tokens, re-running the LSTM over the whole prefix for each one; {@code [T][B]}. */
    int[][] withPrefix(int tokens) {
        int[][] out = new int[tokens][];
        int[] prefix = new int[batch * (tokens + 1)];
        int[] start = first();
        try (GradMode off = GradMode.off()) {
            for (int t = 0; t < tokens; t++) {
                try (Scope s = Scope.open()) {
                    // Batch-first ids [B, t+1]: sequence b's prefix is its row.
                    int[] ids = new int[batch * (t + 1)];
                    for (int b = 0; b < batch; b++) {
                        ids[b * (t + 1)] = start[b];
                        for (int j = 0; j < t; j++) {
                            ids[b * (t + 1) + j + 1] = out[j][b];
                        }
                    }
                    Tensor x = embedding.forward(device.ints(ids, batch, t + 1));
                    Tensor last = lstm.forward(x).last();
                    out[t] = argmax(head.forward(last).toFloatArray(), batch);
                }
            }
        }
        return out;
    }

    /** Wall and this thread's CPU seconds of one run (the CPU time is what other load inflates least). */
    private static double[] seconds(Runnable r) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        r.run();
        return new double[] {(System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9};
    }

    private static void time(Runnable r, List<Double> wall, List<Double> cpu) {
        double[] s = seconds(r);
        wall.add(s[0]);
        cpu.add(s[1]);
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }

    private static final String USAGE = "usage: GenerationBenchmark [device=cpu] [tokens=200] [rounds=3] [threads=1] [batch=1]";

    private static int positive(String[] args, int i, int otherwise) {
        if (args.length <= i) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(args[i]);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ShenduException("argument " + (i + 1) + " '" + args[i] + "' is not a whole number >= 1; " + USAGE);
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (ShenduException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        String deviceName = args.length > 0 ? args[0] : "cpu";
        int tokens = positive(args, 1, 200);
        int rounds = positive(args, 2, 3);
        int threads = positive(args, 3, 1);
        int batch = positive(args, 4, 1);
        Device device = Device.of(deviceName, threads);
        GenerationBenchmark b = new GenerationBenchmark(device, batch);
        int[][] byStep = b.withStep(tokens), byPrefix = b.withPrefix(tokens);
        if (!Arrays.deepEquals(byStep, byPrefix)) {
            throw new ShenduException("step() and the prefix re-run generated different tokens");
        }
        List<Double> step = new ArrayList<>(), prefix = new ArrayList<>();
        List<Double> stepCpu = new ArrayList<>(), prefixCpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // Alternate who goes first, so a load change on a shared machine hits both.
            if (r % 2 == 0) {
                time(() -> b.withStep(tokens), step, stepCpu);
                time(() -> b.withPrefix(tokens), prefix, prefixCpu);
            } else {
                time(() -> b.withPrefix(tokens), prefix, prefixCpu);
                time(() -> b.withStep(tokens), step, stepCpu);
            }
        }
        double s = median(step), p = median(prefix), sc = median(stepCpu), pc = median(prefixCpu);
        System.out.printf(Locale.ROOT, "{\"device\": \"%s\", \"threads\": %d, \"batch\": %d, \"tokens\": %d, \"rounds\": %d,"
                        + " \"step_s\": %.4f, \"prefix_s\": %.4f, \"speedup\": %.1f,"
                        + " \"step_cpu_s\": %.4f, \"prefix_cpu_s\": %.4f, \"cpu_speedup\": %.1f,"
                        + " \"step_rounds\": %s, \"prefix_rounds\": %s, \"same_tokens\": true}%n",
                device.name(), threads, batch, tokens, rounds, s, p, p / s, sc, pc, pc / sc, step, prefix);
    }
}
