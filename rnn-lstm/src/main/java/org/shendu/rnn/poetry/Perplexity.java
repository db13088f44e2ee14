package org.shendu.rnn.poetry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.nn.CrossEntropyLoss;

/**
 * How well a language model predicts poems, as {@code QUALITY.md} §1 measures it. Per poem
 * (primary): each poem alone from a zero state, input {@code BOS c1..cn}, targets {@code c1..cn EOS};
 * NLL per character = total NLL / all targets. Windows (secondary, the training view): the poems as
 * one stream cut into non-overlapping 64-step windows.
 */
public final class Perplexity {
    private static final int PAD = -1;
    /** Poems per batch are bounded by input steps, so the logits stay near 4,096 x V floats. */
    private static final int TOKENS_PER_BATCH = 4096;

    private Perplexity() {}

    /** Total NLL in nats over a number of targets. */
    public record Nll(double total, long targets) {
        public double nats() {
            return total / targets;
        }

        public double bitsPerChar() {
            return nats() / Math.log(2);
        }

        public double perplexity() {
            return Math.exp(nats());
        }
    }

    /** Per-poem NLL of {@code poems} (ids without BOS/EOS), the model in evaluation mode. */
    public static Nll perPoem(CharLanguageModel model, int[][] poems) {
        boolean training = model.isTraining();
        model.eval();
        Device device = model.device();
        Integer[] order = IntStream.range(0, poems.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> poems[i].length));
        double total = 0;
        long targets = 0;
        try (GradMode off = GradMode.off()) {
            int from = 0;
            while (from < order.length) {
                int to = from;
                int steps = 0;
                while (to < order.length && (to == from || (to - from + 1) * (poems[order[to]].length + 1) <= TOKENS_PER_BATCH)) {
                    steps = poems[order[to]].length + 1;
                    to++;
                }
                int b = to - from;
                int[] x = new int[b * steps], y = new int[b * steps], lengths = new int[b];
                Arrays.fill(y, PAD);
                for (int r = 0; r < b; r++) {
                    int[] p = poems[order[from + r]];
                    x[r * steps] = PoetryVocabulary.BOS;
                    System.arraycopy(p, 0, x, r * steps + 1, p.length);
                    System.arraycopy(p, 0, y, r * steps, p.length);
                    y[r * steps + p.length] = PoetryVocabulary.EOS;
                    lengths[r] = p.length + 1;
                }
                int n = Arrays.stream(lengths).sum();
                try (Scope s = Scope.open()) {
                    Tensor logits = model.forward(device.ints(x, b, steps), lengths);
                    double mean = CrossEntropyLoss.mean(logits, device.ints(y, b, steps), PAD).item();
                    total += mean * n;
                }
                targets += n;
                from = to;
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        return new Nll(total, targets);
    }

    /** Window NLL: the poems' {@code BOS body EOS} stream in non-overlapping windows of {@code window} steps. */
    public static Nll windows(CharLanguageModel model, int[][] poems, int window) {
        boolean training = model.isTraining();
        model.eval();
        Device device = model.device();
        int[] s = PoetryCorpus.stream(poems);
        int count = (s.length - 1) / window;
        int perBatch = Math.max(1, TOKENS_PER_BATCH / window);
        double total = 0;
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < count; from += perBatch) {
                int b = Math.min(perBatch, count - from);
                int[] x = new int[b * window], y = new int[b * window];
                for (int r = 0; r < b; r++) {
                    System.arraycopy(s, (from + r) * window, x, r * window, window);
                    System.arraycopy(s, (from + r) * window + 1, y, r * window, window);
                }
                try (Scope sc = Scope.open()) {
                    Tensor logits = model.forward(device.ints(x, b, window), null);
                    total += (double) CrossEntropyLoss.mean(logits, device.ints(y, b, window)).item() * b * window;
                }
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        return new Nll(total, (long) count * window);
    }
}
