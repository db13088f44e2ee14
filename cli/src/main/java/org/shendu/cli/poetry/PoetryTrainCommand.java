package org.shendu.cli.poetry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.AtLeast;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputFile;
import org.shendu.cli.OutOption;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.OneOf;
import org.shendu.cli.TerminalProgress;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Safetensors;
import org.shendu.core.nn.Recurrent;
import org.shendu.rnn.poetry.CharLanguageModel;
import org.shendu.rnn.poetry.PoetryCorpus;
import org.shendu.rnn.poetry.PoetryTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shendu poetry train}: trains the character LSTM on random windows, validating per poem. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the poetry language model (char_lstm_poetry by default); keeps the best checkpoint by validation perplexity.")
public final class PoetryTrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ThreadsOption threads;

    @Mixin
    OutOption out;

    @Mixin
    DeviceOptions device;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME|FILE", description = "Poems: " + PoemSource.NAMES + " (default: tang).")
    String dataset;

    @Option(names = "--traditional", description = "Train on the traditional-character Tang corpus (tang.jsonl.gz).")
    boolean traditional;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20000", description = "Training steps (default: ${DEFAULT-VALUE}; 0: until --budget-s).")
    @AtLeast(0)
    long steps;

    @Option(names = "--budget-s", paramLabel = "S", defaultValue = "0",
            description = "Stop after S seconds of training, evaluations not counted (default: none).")
    @AtLeast(0)
    double budget;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "2000", description = "Validate every N steps (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int evalEvery;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int batch;

    @Option(names = "--window", paramLabel = "N", defaultValue = "64", description = "Characters per window (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int window;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    @Positive
    float lr;

    @Option(names = "--cell", paramLabel = "lstm|gru|rnn", defaultValue = "lstm", description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    @OneOf({"lstm", "gru", "rnn", "rnn_relu"})
    String cell;

    @Option(names = "--tied", description = "Tie the output layer to the embedding matrix (a projection when sizes differ).")
    boolean tied;

    @Option(names = "--embedding", paramLabel = "N", defaultValue = "128", description = "Embedding size (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int embedding;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "256", description = "LSTM hidden size (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "2", description = "LSTM layers (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int layers;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", description = "Dropout on every LSTM layer's output (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    float dropout;

    @Option(names = "--resume", description = "Continue from OUT/last when it exists (same corpus and sizes).")
    boolean resume;

    @Option(names = "--init-weights", paramLabel = "FILE",
            description = "Start from these weights instead of a random initialisation: a safetensors PyTorch state dict "
                    + "(emb.weight, lstm.weight_ih_l0, ..., out.bias) of the same sizes.")
    @InputFile
    Path initWeights;

    @Option(names = "--dry-run", description = "Seconds on the shipped sample: a tiny network, 4 steps.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (steps < 0 || !(budget >= 0) || (steps == 0 && budget == 0)) {
            throw usage("--steps must be at least 1, or --steps 0 with a --budget-s above 0");
        }
        for (var o : new Object[][] {{"--eval-every", evalEvery}, {"--batch-size", batch}, {"--window", window},
            {"--embedding", embedding}, {"--hidden", hidden}, {"--layers", layers}}) {
            if ((Integer) o[1] < 1) {
                throw usage(o[0] + " must be at least 1, got " + o[1]);
            }
        }
        if (!(lr > 0) || Float.isInfinite(lr)) {
            throw usage("--lr must be above 0 and finite, got " + lr);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw usage("--dropout must be in [0, 1), got " + dropout);
        }
        try {
            Recurrent.Cell.parse(cell);
        } catch (ShenduException e) {
            throw usage("--cell: " + e.getMessage());
        }
        if (initWeights != null && resume) {
            throw usage("--init-weights and --resume contradict each other: a resumed run continues from OUT/last; give one");
        }
        if (initWeights != null) {
            Safetensors.readMetadata(initWeights); // not safetensors at all: one line now, before the corpus is read
        }
        Path dir = this.out.get(Path.of("runs", "poetry"));
        PoetryCorpus corpus = PoetryCorpus.prepare(PoemSource.read(dryRun && dataset == null ? "sample-tang" : dataset,
                traditional, dryRun && dataset == null ? null : data.dataDirectory()));
        int v = corpus.vocabulary().size();
        long seed = seedOption.get(err);
        CharLanguageModel.Config model = dryRun
                ? new CharLanguageModel.Config(v, Recurrent.Cell.parse(cell), given("--embedding") ? embedding : 16,
                        given("--hidden") ? hidden : 32, given("--layers") ? layers : 1, dropout, tied)
                : new CharLanguageModel.Config(v, Recurrent.Cell.parse(cell), embedding, hidden, layers, dropout, tied);
        PoetryTrainer.Config config = new PoetryTrainer.Config(model, dryRun && !given("--steps") ? 4 : steps, budget,
                dryRun && !given("--batch-size") ? 8 : batch, dryRun && !given("--window") ? 32 : window, lr, 5f,
                dryRun && !given("--eval-every") ? 2 : evalEvery, seed);
        err.printf(Locale.ROOT, "poems: %,d read, %,d kept; %,d training, %,d validation; vocabulary %,d%n",
                corpus.stats().read(), corpus.stats().kept(), corpus.train().length, corpus.validation().length, v);
        Device device = this.device.open(threads.get());
        PoetryTrainer.Result r = PoetryTrainer.train(device, corpus, config, dir, resume, initWeights, TerminalProgress.factory(options));
        if (options.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seed", seed);
            List<Map<String, Object>> curve = new ArrayList<>();
            for (PoetryTrainer.Point p : r.curve()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("step", p.step());
                e.put("train_seconds", p.trainSeconds());
                e.put("train_loss", p.trainLoss());
                e.put("validation_nll", p.validationNll());
                e.put("tokens_per_second", p.tokensPerSecond());
                curve.add(e);
            }
            json.put("curve", curve);
            json.put("best_step", r.best().step());
            json.put("best_validation_nll", r.best().validationNll());
            json.put("best_validation_perplexity", Math.exp(r.best().validationNll()));
            json.put("best_checkpoint", r.bestCheckpoint().toString());
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json));
        } else {
            out.println("  step   train s  train loss  val NLL  val ppl  tokens/s");
            for (PoetryTrainer.Point p : r.curve()) {
                out.printf(Locale.ROOT, "%6d  %8.1f  %10.4f  %7.4f  %7.1f  %8.0f%n", p.step(), p.trainSeconds(), p.trainLoss(),
                        p.validationNll(), Math.exp(p.validationNll()), p.tokensPerSecond());
            }
            out.printf(Locale.ROOT, "best: step %d, validation NLL %.4f nats (perplexity %.1f)%n", r.best().step(),
                    r.best().validationNll(), Math.exp(r.best().validationNll()));
            out.println("checkpoint: " + r.bestCheckpoint());
        }
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
