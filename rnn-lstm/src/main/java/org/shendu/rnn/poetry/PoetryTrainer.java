package org.shendu.rnn.poetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.io.Safetensors;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.optim.Adam;
import org.shendu.core.optim.GradClip;
import org.shendu.core.picture.LinePlot;
import org.shendu.data.batch.SplitMix64;

/**
 * Trains a {@link CharLanguageModel} as the {@code char_lstm_poetry} quality anchor does: each step
 * takes {@code batch} windows of {@code window + 1} tokens at offsets drawn uniformly from the
 * training stream, x = the first {@code window}, y = the last; mean cross-entropy, Adam, the global
 * gradient norm clipped. Every {@code evalEvery} steps (and at the end) the validation per-poem NLL
 * is measured; the checkpoint {@code last/} and the curve {@code loss.png} are written then, and
 * {@code best/} whenever validation improves. A budget counts training wall time only, evaluations excluded (as the reference).
 * Training may start from given weights (a PyTorch state dict in safetensors, same names and shapes)
 * instead of a random initialisation.
 */
public final class PoetryTrainer {
    public static final String KIND = "poetry_char_lm";

    /** Training options; {@code defaults} gives the anchor's. */
    public record Config(CharLanguageModel.Config model, long steps, double budgetSeconds, int batch, int window, float lr,
                         float clip, int evalEvery, long seed) {
        public Config {
            if (steps <= 0 && budgetSeconds <= 0) {
                throw new ShenduException("give a number of steps or a time budget (both are unset)");
            }
            if (batch < 1 || window < 1 || evalEvery < 1 || !(lr > 0)) {
                throw new ShenduException("batch, window, eval interval and learning rate must be positive");
            }
        }

        /** The anchor's settings for {@code steps} steps: batch 64 of 64-step windows, Adam 1e-3, clip 5, seed 1. */
        public static Config defaults(CharLanguageModel.Config model, long steps, double budgetSeconds) {
            return new Config(model, steps, budgetSeconds, 64, 64, 1e-3f, 5f, 2000, 1);
        }

        public Config withEvalEvery(int n) {
            return new Config(model, steps, budgetSeconds, batch, window, lr, clip, n, seed);
        }

        public Config withSeed(long s) {
            return new Config(model, steps, budgetSeconds, batch, window, lr, clip, evalEvery, s);
        }

        public Config withBatch(int b, int w) {
            return new Config(model, steps, budgetSeconds, b, w, lr, clip, evalEvery, seed);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(model.toMap());
            m.put("batch", batch);
            m.put("window", window);
            m.put("lr", lr);
            m.put("clip", clip);
            m.put("eval_every", evalEvery);
            return m;
        }
    }

    /** One validation point of the curve. */
    public record Point(long step, double trainSeconds, double trainLoss, double validationNll, double tokensPerSecond) {}

    /** What a run reached: the curve, the best validation point, where the checkpoints are. */
    public record Result(List<Point> curve, Point best, Path bestCheckpoint, Path lastCheckpoint) {}

    private PoetryTrainer() {}

    /**
     * Trains on {@code corpus}, writing {@code out/last} and {@code out/best}. With {@code resume}, an
     * existing {@code out/last} is loaded first (model, Adam state, window generator, curve, time used).
     */
    public static Result train(Device device, PoetryCorpus corpus, Config config, Path out, boolean resume,
            Progress.Factory progress) throws IOException {
        return train(device, corpus, config, out, resume, null, progress);
    }

    /**
     * As {@link #train(Device, PoetryCorpus, Config, Path, boolean, Progress.Factory)}, the network
     * starting from the weights in {@code initWeights} (null: a random initialisation from the seed):
     * a safetensors file holding every parameter under its PyTorch name ({@code emb.weight},
     * {@code lstm.weight_ih_l0}, ..., {@code out.bias}) with its shape, and nothing else. The window
     * generator is still seeded with the seed. Cannot be combined with {@code resume}.
     */
    public static Result train(Device device, PoetryCorpus corpus, Config config, Path out, boolean resume, Path initWeights,
            Progress.Factory progress) throws IOException {
        if (resume && initWeights != null) {
            throw new ShenduException("initial weights and resuming contradict each other: a resumed run continues from its checkpoint");
        }
        if (config.model().vocabulary() != corpus.vocabulary().size()) {
            throw new ShenduException("the model's vocabulary (" + config.model().vocabulary() + ") is not the corpus's ("
                    + corpus.vocabulary().size() + ")");
        }
        device.manualSeed(config.seed());
        Path lastDir = out.resolve("last"), bestDir = out.resolve("best");
        try (CharLanguageModel model = new CharLanguageModel(device, config.model())) {
            if (initWeights != null) {
                loadInitialWeights(model, initWeights);
            }
            Adam adam = new Adam(model.parameters(), config.lr());
            int[] stream = PoetryCorpus.stream(corpus.train());
            long span = stream.length - config.window();
            if (span < 1) {
                throw new ShenduException("the training stream (" + stream.length + " tokens) is shorter than one window of "
                        + (config.window() + 1));
            }
            SplitMix64 windows = new SplitMix64(config.seed());
            List<Point> curve = new ArrayList<>();
            long step = 0;
            double trainSeconds = 0;
            Point best = null;
            if (resume && Files.isRegularFile(lastDir.resolve("checkpoint.json"))) {
                Checkpoint.Info info = PoetryModel.checkVocabulary(lastDir, corpus.vocabulary());
                Checkpoint.of(KIND).module("model", model).optimizer("optimizer", adam).rng(device).load(lastDir);
                step = info.step();
                Map<String, Object> extra = info.extra();
                windows = new SplitMix64(((Number) extra.get("window_rng_state")).longValue());
                trainSeconds = ((Number) extra.get("train_seconds")).doubleValue();
                curve.addAll(points(extra.get("curve")));
                best = curve.stream().min((a, b) -> Double.compare(a.validationNll(), b.validationNll())).orElse(null);
            }
            int b = config.batch(), w = config.window();
            int[] x = new int[b * w], y = new int[b * w];
            double lossSum = 0;
            int lossCount = 0;
            long tokensSinceEval = 0;
            double secondsSinceEval = 0;
            long total = config.steps() > 0 ? config.steps() : -1;
            try (Progress bar = progress.start("training", total, "steps")) {
                bar.advance(step);
                boolean stop = stepsDone(config, step) || budgetSpent(config, trainSeconds);
                long t0 = System.nanoTime();
                while (!stop) {
                    for (int r = 0; r < b; r++) {
                        int o = (int) Long.remainderUnsigned(windows.next(), span);
                        System.arraycopy(stream, o, x, r * w, w);
                        System.arraycopy(stream, o + 1, y, r * w, w);
                    }
                    float loss;
                    try (Scope s = Scope.open()) {
                        Tensor l = CrossEntropyLoss.mean(model.forward(device.ints(x, b, w), null), device.ints(y, b, w));
                        adam.zeroGrad();
                        l.backward();
                        if (config.clip() > 0) {
                            GradClip.clipNorm(model.parameters(), config.clip());
                        }
                        adam.step();
                        loss = l.item();
                    }
                    if (!Float.isFinite(loss)) {
                        throw new ShenduException("training diverged: loss " + loss + " at step " + (step + 1));
                    }
                    step++;
                    lossSum += loss;
                    lossCount++;
                    bar.advance(1);
                    long now = System.nanoTime();
                    double elapsed = (now - t0) / 1e9;
                    stop = stepsDone(config, step) || budgetSpent(config, trainSeconds + elapsed);
                    if (step % 10 == 0) {
                        bar.status(String.format(Locale.ROOT, "loss %.4f, %.0f tokens/s", loss,
                                (tokensSinceEval + (long) lossCount * b * w) / (secondsSinceEval + elapsed)));
                    }
                    if (step % config.evalEvery() == 0 || stop) {
                        trainSeconds += elapsed;
                        secondsSinceEval += elapsed;
                        tokensSinceEval += (long) lossCount * b * w;
                        double nll = Perplexity.perPoem(model, corpus.validation()).nats();
                        Point p = new Point(step, trainSeconds, lossSum / lossCount, nll, tokensSinceEval / secondsSinceEval);
                        curve.add(p);
                        bar.status(String.format(Locale.ROOT, "step %d: train loss %.4f, validation NLL %.4f (perplexity %.1f)",
                                step, p.trainLoss(), nll, Math.exp(nll)));
                        boolean improved = best == null || nll < best.validationNll();
                        if (improved) {
                            best = p;
                        }
                        Map<String, Object> extra = extra(corpus, curve, windows, trainSeconds, p);
                        PoetryModel.save(lastDir, model, config.toMap(), adam, step, config.seed(), extra);
                        plot(curve, out.resolve("loss.png"));
                        if (improved) {
                            PoetryModel.save(bestDir, model, config.toMap(), null, step, config.seed(), extra);
                        }
                        lossSum = 0;
                        lossCount = 0;
                        tokensSinceEval = 0;
                        secondsSinceEval = 0;
                        t0 = System.nanoTime();
                    }
                }
            }
            return new Result(List.copyOf(curve), best, bestDir, lastDir);
        }
    }

    /** Copies every parameter from a safetensors state dict; a missing or extra name or a wrong shape is one line. */
    static void loadInitialWeights(CharLanguageModel model, Path file) throws IOException {
        Map<String, Tensor> state = Safetensors.read(file, model.device());
        try {
            Map<String, Tensor> mine = model.stateDict();
            for (Map.Entry<String, Tensor> e : mine.entrySet()) {
                Tensor t = state.get(e.getKey());
                if (t == null) {
                    throw ShenduException.in(file, "no tensor " + e.getKey() + " (expected shape " + e.getValue().shape()
                            + "); the file must hold every parameter of the network " + mine.keySet());
                }
                if (t.dtype() != e.getValue().dtype()) {
                    throw ShenduException.in(file, e.getKey() + " holds integers; the network's weights are floating point");
                }
                if (!t.shape().equals(e.getValue().shape())) {
                    throw ShenduException.in(file, e.getKey() + " has shape " + t.shape() + ", the network expects "
                            + e.getValue().shape() + "; give the sizes (--embedding, --hidden, --layers, corpus) the weights were made with");
                }
            }
            for (String name : state.keySet()) {
                if (!mine.containsKey(name)) {
                    throw ShenduException.in(file, "unexpected tensor " + name + " " + state.get(name).shape()
                            + "; the network's parameters are " + mine.keySet());
                }
            }
            model.loadStateDict(state, true);
        } finally {
            state.values().forEach(Tensor::close);
        }
    }

    /** The loss curve: mean training loss since the previous point and validation NLL, against the step. */
    public static void plot(List<Point> curve, Path file) {
        double[] x = curve.stream().mapToDouble(Point::step).toArray();
        LinePlot.titled("poetry language model").axes("step", "nats per character")
                .series("training loss (windows)", x, curve.stream().mapToDouble(Point::trainLoss).toArray())
                .series("validation NLL (per poem)", x, curve.stream().mapToDouble(Point::validationNll).toArray())
                .write(file);
    }

    private static boolean stepsDone(Config c, long step) {
        return c.steps() > 0 && step >= c.steps();
    }

    private static boolean budgetSpent(Config c, double seconds) {
        return c.budgetSeconds() > 0 && seconds >= c.budgetSeconds();
    }

    private static Map<String, Object> extra(PoetryCorpus corpus, List<Point> curve, SplitMix64 windows, double trainSeconds,
            Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validation_nll", p.validationNll());
        m.put("validation_perplexity", Math.exp(p.validationNll()));
        m.put("train_seconds", trainSeconds);
        m.put("window_rng_state", windows.state());
        List<Map<String, Object>> pts = new ArrayList<>();
        for (Point q : curve) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("step", q.step());
            e.put("train_seconds", q.trainSeconds());
            e.put("train_loss", q.trainLoss());
            e.put("validation_nll", q.validationNll());
            e.put("tokens_per_second", q.tokensPerSecond());
            pts.add(e);
        }
        m.put("curve", pts);
        m.put(PoetryModel.VOCABULARY_KEY, corpus.vocabulary().characters());
        return m;
    }

    @SuppressWarnings("unchecked")
    static List<Point> points(Object curve) {
        List<Point> out = new ArrayList<>();
        if (curve instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> e = (Map<String, Object>) o;
                out.add(new Point(((Number) e.get("step")).longValue(), ((Number) e.get("train_seconds")).doubleValue(),
                        ((Number) e.get("train_loss")).doubleValue(), ((Number) e.get("validation_nll")).doubleValue(),
                        ((Number) e.get("tokens_per_second")).doubleValue()));
            }
        }
        return out;
    }
}
