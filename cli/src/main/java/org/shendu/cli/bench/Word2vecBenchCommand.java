package org.shendu.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.bench.word2vec.Word2vecBenchmark;
import org.shendu.bench.word2vec.Word2vecBenchmark.Quality;
import org.shendu.bench.word2vec.Word2vecBenchmark.Run;
import org.shendu.bench.word2vec.Word2vecBenchmark.Variant;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutputDir;
import org.shendu.core.json.Json;
import org.shendu.word2vec.CorpusFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shendu bench word2vec}: the word2vec anchor workload, shendu against gensim on the full
 * IMDB corpus, alternating the two tools round by round; training time, words/s, peak memory and
 * the quality of both tools' vectors under one evaluation.
 */
@Command(name = "word2vec", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"word2vec on all 100,000 IMDB reviews (CBOW, dim 100, window 5, negative 5, sample 1e-3,"
                + " min-count 5, 5 epochs, alpha 0.05, 2 threads): shendu vs gensim, alternating.",
            "Needs the IMDB and word-eval data; gensim from Debian's python3-gensim (skipped if absent)."})
public final class Word2vecBenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds per variant (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int rounds;

    @Option(names = "--variants", defaultValue = "cbow", split = ",", paramLabel = "cbow,sg,cbow-hs",
            description = "Which trainings to compare (default: ${DEFAULT-VALUE}).")
    @OneOf(value = {"cbow", "sg", "cbow-hs"}, aliases = {"cbow-ns", "skipgram", "sg-ns", "hs"})
    List<String> variants;

    @Option(names = "--threads", defaultValue = "2", description = "Training threads (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int threads;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".scratch/bench-word2vec",
            description = "Folder for the corpus, vectors and logs (default: ${DEFAULT-VALUE}).")
    @OutputDir
    Path work;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with gensim (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--no-gensim", description = "Run shendu alone.")
    boolean noGensim;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for both tools (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(work);
        Word2vecBenchmark bench = new Word2vecBenchmark(data.dataDirectory(), work, python, threads, epochs);
        Path corpus = work.resolve("imdb_corpus.txt");
        long t0 = System.nanoTime();
        CorpusFile.Written written = bench.corpus(corpus);
        err.printf("corpus %s: %,d lines%s (%.1f s)%n", corpus, written.lines(),
                written.tokens() >= 0 ? String.format(", %,d tokens", written.tokens()) : " (reused)",
                (System.nanoTime() - t0) / 1e9);
        boolean gensim = !noGensim && bench.gensimAvailable();
        if (!noGensim && !gensim) {
            err.println("gensim is not importable by " + python + " (apt-get install python3-gensim); running shendu alone");
        }
        err.flush();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("corpus", corpus.toString());
        result.put("threads", threads);
        result.put("epochs", epochs);
        List<Run> runs = new ArrayList<>();
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (String name : variants) {
            Variant v = Variant.parse(name);
            List<Run> ours = new ArrayList<>();
            List<Run> theirs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                // Alternate who goes first, so that neither always meets the same neighbours on a shared machine.
                Run a = null;
                Run b = null;
                if (gensim && r % 2 == 0) {
                    b = report(err, bench.gensim(corpus, v, r, seed));
                }
                a = report(err, bench.ours(corpus, v, r, seed));
                if (gensim && r % 2 == 1) {
                    b = report(err, bench.gensim(corpus, v, r, seed));
                }
                ours.add(a);
                runs.add(a);
                if (b != null) {
                    theirs.add(b);
                    runs.add(b);
                    ratios.add(b.trainSeconds() / a.trainSeconds());
                }
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("variant", v.label());
            s.put("shendu", summary(ours, bench.evaluate(ours.get(0).vectors()), null));
            if (gensim) {
                Quality oursByGensim = bench.evaluateWithGensim(ours.get(0).vectors());
                s.put("shendu_scored_by_gensim", oursByGensim);
                s.put("gensim", summary(theirs, bench.evaluate(theirs.get(0).vectors()),
                        bench.evaluateWithGensim(theirs.get(0).vectors())));
                s.put("speedup_per_round", ratios);
                s.put("speedup_median", Word2vecBenchmark.median(ratios));
            }
            summaries.add(s);
            print(out, s);
        }
        result.put("runs", runs);
        result.put("summary", summaries);
        if (options.json()) {
            Json.print(out, result);
        }
        out.flush();
        return 0;
    }

    private Run report(PrintWriter err, Run r) {
        err.printf("%-7s %-8s round %d: train %6.1f s  %,10.0f words/s  peak RSS %6.0f MiB  vocab %,d  (wall %.1f s,"
                        + " CPU %.0f s, other processes' CPU %.0f s)%n",
                r.tool().startsWith("shendu") ? "shendu" : "gensim", r.variant(), r.round(), r.trainSeconds(),
                r.wordsPerSecond(), r.peakRssMib(), r.vocabulary(), r.wallSeconds(), r.cpuSeconds(),
                r.othersCpuSeconds());
        err.flush();
        return r;
    }

    private static Map<String, Object> summary(List<Run> runs, Quality quality, Quality byGensim) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", runs.get(0).tool());
        m.put("train_s_median", Word2vecBenchmark.median(runs.stream().map(Run::trainSeconds).toList()));
        m.put("train_s_all", runs.stream().map(Run::trainSeconds).toList());
        m.put("words_per_s_median", Word2vecBenchmark.median(runs.stream().map(Run::wordsPerSecond).toList()));
        m.put("wall_s_median", Word2vecBenchmark.median(runs.stream().map(Run::wallSeconds).toList()));
        m.put("peak_rss_mib_max", runs.stream().mapToDouble(Run::peakRssMib).max().orElse(-1));
        m.put("vocabulary", runs.get(0).vocabulary());
        m.put("quality", quality);
        if (byGensim != null) {
            m.put("quality_by_gensim", byGensim);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private void print(PrintWriter out, Map<String, Object> s) {
        if (options.json()) {
            return;
        }
        out.printf("%n%s%n", s.get("variant"));
        out.printf("%-8s %9s %12s %9s %10s %9s %7s %7s %8s %8s%n", "tool", "train s", "words/s", "wall s", "peak MiB",
                "analogy", "sem", "syn", "WS353", "SimLex");
        for (String tool : List.of("shendu", "gensim")) {
            Map<String, Object> m = (Map<String, Object>) s.get(tool);
            if (m == null) {
                continue;
            }
            Quality q = (Quality) m.get("quality");
            out.printf("%-8s %9.1f %,12.0f %9.1f %10.0f %8.2f%% %6.1f%% %6.1f%% %8.4f %8.4f%n", tool,
                    (double) m.get("train_s_median"), (double) m.get("words_per_s_median"),
                    (double) m.get("wall_s_median"), (double) m.get("peak_rss_mib_max"), 100 * q.analogy(),
                    100 * q.semantic(), 100 * q.syntactic(), q.wordSim353(), q.simLex999());
        }
        if (s.containsKey("speedup_median")) {
            out.printf("speedup (gensim train s / shendu train s) per round %s, median %.2fx%n",
                    ((List<Double>) s.get("speedup_per_round")).stream().map(x -> String.format("%.2f", x)).toList(),
                    (double) s.get("speedup_median"));
            Quality g = (Quality) s.get("shendu_scored_by_gensim");
            out.printf("cross-check, shendu's vectors scored by gensim: analogy %.2f%%, WS353 %.4f, SimLex %.4f%n",
                    100 * g.analogy(), g.wordSim353(), g.simLex999());
        }
    }
}
