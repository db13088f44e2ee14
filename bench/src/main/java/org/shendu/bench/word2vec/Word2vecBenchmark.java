package org.shendu.bench.word2vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.shendu.core.ShenduException;
import org.shendu.data.AnalogySet;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.Review;
import org.shendu.data.WordPairs;
import org.shendu.data.text.EnglishTokenizer;
import org.shendu.data.text.Tokenizer;
import org.shendu.word2vec.CorpusFile;
import org.shendu.word2vec.EvaluationSuite;
import org.shendu.word2vec.Word2VecFormat;
import org.shendu.word2vec.WordVectors;

/**
 * The word2vec anchor workload (shared/anchors/word2vec, WORKLOADS.md): all 100,000 IMDB reviews
 * tokenized by the English tokenizer into one corpus file (~23.3M tokens), then CBOW, dim 100,
 * window 5, negative 5, sample 1e-3, min-count 5, 5 epochs, alpha 0.05, 2 threads, trained by
 * shendu and by gensim (Debian python3-gensim, corpus_file mode) in alternation, each in a process
 * of its own. Both vector files are scored by the same evaluation (ours, which follows gensim's;
 * gensim's own is run as a cross-check when Python is there).
 */
public final class Word2vecBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A training variant: the anchor's CBOW, skip-gram, or CBOW with hierarchical softmax. */
    public enum Variant {
        CBOW("cbow", 0, 5, 0.05),
        SKIP_GRAM("sg", 0, 5, 0.025),
        CBOW_HS("cbow", 1, 0, 0.05);

        final String arch;
        final int hs;
        final int negative;
        final double alpha;

        Variant(String arch, int hs, int negative, double alpha) {
            this.arch = arch;
            this.hs = hs;
            this.negative = negative;
            this.alpha = alpha;
        }

        public String label() {
            return switch (this) {
                case CBOW -> "cbow-ns";
                case SKIP_GRAM -> "sg-ns";
                case CBOW_HS -> "cbow-hs";
            };
        }

        public static Variant parse(String s) {
            return switch (s) {
                case "cbow", "cbow-ns" -> CBOW;
                case "sg", "skipgram", "sg-ns" -> SKIP_GRAM;
                case "cbow-hs", "hs" -> CBOW_HS;
                default -> throw new ShenduException("unknown variant `" + s + "`, expected cbow, sg or cbow-hs");
            };
        }
    }

    /** Word-vector quality as scored by one evaluator. */
    public record Quality(String evaluator, double analogy, double semantic, double syntactic, int analogyScored,
                          double wordSim353, double simLex999) {}

    /** One training run of one tool. */
    public record Run(String tool, String variant, int round, int vocabulary, long corpusWords, double vocabSeconds,
                      double trainSeconds, double wordsPerSecond, double peakRssMib, double wallSeconds,
                      double cpuSeconds, double othersCpuSeconds, Path vectors) {}

    private final DataDirectory data;
    private final Path work;
    private final String python;
    private final int threads;
    private final int epochs;

    public Word2vecBenchmark(DataDirectory data, Path work, String python, int threads, int epochs) {
        this.data = data;
        this.work = work;
        this.python = python;
        this.threads = threads;
        this.epochs = epochs;
    }

    /**
     * Builds the corpus with our English tokenizer in the anchors' exact mode (only {@code <br />}
     * removed, as make_corpus.py does; the default tokenizer also drops other HTML tags, 27 of the
     * 23.26M tokens), once; reused when already there.
     */
    public CorpusFile.Written corpus(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            long lines;
            try (Stream<String> s = Files.lines(file)) {
                lines = s.count();
            }
            return new CorpusFile.Written(lines, -1);
        }
        Files.createDirectories(work);
        Tokenizer english = EnglishTokenizer.brOnly();
        try (Stream<Review> all = Stream.of("train", "test", "unsup")
                .flatMap(split -> ImdbReader.stream(ImdbReader.locate(data, split)))) {
            return CorpusFile.write(all.map(Review::text), english::tokenize, file);
        }
    }

    /** Whether gensim can be imported by {@code python}. */
    public boolean gensimAvailable() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import gensim").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Trains with shendu in a fresh JVM with the vector API module; the serial collector, since the
     * training allocates next to nothing and parallel GC threads would only add to the resident set.
     */
    public Run ours(Path corpus, Variant v, int round, long seed) throws IOException, InterruptedException {
        Path out = work.resolve("vec-shendu-" + v.label() + "-r" + round + ".bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Word2vecTrainRun.class.getName(),
                corpus.toString(), out.toString(), v.arch, String.valueOf(v.hs), String.valueOf(v.negative),
                String.valueOf(v.alpha), String.valueOf(threads), String.valueOf(epochs), String.valueOf(seed));
        return run("shendu", v, round, cmd, out);
    }

    /** Trains with gensim through the bundled script. */
    public Run gensim(Path corpus, Variant v, int round, long seed) throws IOException, InterruptedException {
        Path out = work.resolve("vec-gensim-" + v.label() + "-r" + round + ".bin");
        List<String> cmd = List.of(python, script().toString(), "train", corpus.toString(), out.toString(),
                "--sg", v == Variant.SKIP_GRAM ? "1" : "0", "--hs", String.valueOf(v.hs),
                "--negative", String.valueOf(v.negative), "--alpha", String.valueOf(v.alpha),
                "--threads", String.valueOf(threads), "--epochs", String.valueOf(epochs), "--seed", String.valueOf(seed));
        return run("gensim", v, round, cmd, out);
    }

    private Run run(String tool, Variant v, int round, List<String> cmd, Path out)
            throws IOException, InterruptedException {
        Path log = work.resolve(tool + "-" + v.label() + "-r" + round + ".log");
        double busyBefore = machineBusySeconds();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        double busy = machineBusySeconds() - busyBefore;
        if (exit != 0) {
            throw new ShenduException(tool + " run failed (exit " + exit + "); see " + log);
        }
        String last = stdout.strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonNode r = JSON.readTree(last);
        return new Run(r.path("tool").asText(tool), v.label(), round, r.path("vocabulary").asInt(),
                r.path("corpus_words").asLong(), r.path("vocab_s").asDouble(), r.path("train_s").asDouble(),
                r.path("words_per_s").asDouble(), r.path("peak_rss_mib").asDouble(), wall, r.path("cpu_s").asDouble(),
                busyBefore < 0 ? -1 : busy - r.path("cpu_s").asDouble(), out);
    }

    /**
     * CPU seconds the whole machine has been busy (user, nice, system, irq, softirq, steal from
     * /proc/stat): minus the run's own CPU time it tells how much other processes took meanwhile,
     * the noise flag of a shared machine (as the anchors' timed_run.py reports). -1 off Linux.
     */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                if (i < f.length) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Scores a vectors file with our evaluation (gensim's rules). */
    public Quality evaluate(Path vectors) throws IOException {
        WordVectors v = Word2VecFormat.read(vectors, true, 0, Word2VecFormat.UnicodeErrors.REPLACE);
        EvaluationSuite s = EvaluationSuite.run(v, AnalogySet.read(evalFile("questions-words.txt")),
                WordPairs.read(evalFile("wordsim353.tsv")), WordPairs.read(evalFile("simlex999.txt")));
        return new Quality("shendu", s.analogy().accuracy(), s.analogy().semanticAccuracy(),
                s.analogy().syntacticAccuracy(), s.analogy().total(), s.wordSim353().spearman(),
                s.simLex999().spearman());
    }

    /** Scores a vectors file with gensim's own evaluation. */
    public Quality evaluateWithGensim(Path vectors) throws IOException, InterruptedException {
        List<String> cmd = List.of(python, script().toString(), "eval", vectors.toString(),
                evalFile("questions-words.txt").toString(), evalFile("wordsim353.tsv").toString(),
                evalFile("simlex999.txt").toString());
        Process p = new ProcessBuilder(cmd).redirectError(work.resolve("gensim-eval.log").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new ShenduException("gensim evaluation failed; see " + work.resolve("gensim-eval.log"));
        }
        JsonNode r = JSON.readTree(stdout.strip().lines().reduce((a, b) -> b).orElse("{}"));
        return new Quality("gensim", r.path("analogy").asDouble(), r.path("semantic").asDouble(),
                r.path("syntactic").asDouble(), -1, r.path("ws353").asDouble(), r.path("simlex").asDouble());
    }

    private Path evalFile(String name) {
        Path p = data.path("word-eval", name);
        if (!Files.isRegularFile(p)) {
            throw new ShenduException(p + ": missing (the benchmark needs the full word-eval sets)");
        }
        return p;
    }

    private Path script() throws IOException {
        Path s = work.resolve("gensim_word2vec.py");
        // Written afresh each time, so that a work folder from an older version runs this version's script.
        Files.createDirectories(work);
        try (InputStream in = Word2vecBenchmark.class.getResourceAsStream("gensim_word2vec.py")) {
            Files.copy(in, s, StandardCopyOption.REPLACE_EXISTING);
        }
        return s;
    }

    /** The median of the values. */
    public static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
