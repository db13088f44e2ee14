package org.shendu.cli.poetry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.InputPath;
import org.shendu.core.Device;
import org.shendu.rnn.poetry.Perplexity;
import org.shendu.rnn.poetry.PoetryCorpus;
import org.shendu.rnn.poetry.PoetryModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu poetry evaluate}: per-character NLL, bits per character and perplexity of a model on a poem file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Per-character NLL, bits per character and perplexity of a poetry model on poems (each poem from a zero state).")
public final class PoetryEvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "A checkpoint folder written by `shendu poetry train` (default: the pretrained model shipped in the jar).")
    @InputPath
    Path model;

    @Option(names = "--dataset", paramLabel = "NAME|FILE",
            description = "Poems to score: " + PoemSource.NAMES + " (default: the Tang corpus's validation poems).")
    String dataset;

    @Option(names = "--traditional", description = "With the default dataset: the traditional Tang corpus's validation poems.")
    boolean traditional;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Device device = this.device.open(threads.get());
        try (PoetryModel m = model == null ? PoetryModel.pretrained(device) : PoetryModel.load(model, device)) {
            String what;
            int[][] poems;
            PoetryCorpus.Stats stats;
            boolean corpus = dataset == null || dataset.equals("tang") || dataset.equals("tang-traditional");
            PoetryCorpus.Bodies bodies = PoemSource.read(dataset, traditional, data.dataDirectory());
            stats = bodies.stats();
            if (corpus) {
                // The named corpus is split as in training: score its held-out twentieth.
                poems = PoetryCorpus.prepare(bodies).validation();
                what = (dataset == null ? (traditional ? "tang-traditional" : "tang") : dataset) + " validation";
            } else {
                poems = PoetryCorpus.encode(bodies, m.vocabulary());
                what = dataset;
            }
            Perplexity.Nll nll = Perplexity.perPoem(m.network(), poems);
            double unk = PoetryCorpus.unkRate(poems);
            if (options.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("dataset", what);
                json.put("poems", poems.length);
                json.put("poems_read", stats.read());
                json.put("targets", nll.targets());
                json.put("nll_nats", nll.nats());
                json.put("bits_per_char", nll.bitsPerChar());
                json.put("perplexity", nll.perplexity());
                json.put("unk_rate", unk);
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json));
            } else {
                out.printf(Locale.ROOT, "%s: %,d poems (%,d read), %,d targets, UNK rate %.3f %%%n", what, poems.length, stats.read(),
                        nll.targets(), 100 * unk);
                out.printf(Locale.ROOT, "NLL %.4f nats/char, %.4f bits/char, perplexity %.2f%n", nll.nats(), nll.bitsPerChar(),
                        nll.perplexity());
            }
        }
        return 0;
    }
}
