package org.shendu.cli.word2vec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.TerminalProgress;
import org.shendu.core.ShenduException;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.LabeledTsvReader;
import org.shendu.data.LabeledText;
import org.shendu.data.Review;
import org.shendu.data.Samples;
import org.shendu.data.text.Tokenizer;
import org.shendu.word2vec.Corpus;
import org.shendu.word2vec.CorpusFile;
import org.shendu.word2vec.TrainingReport;
import org.shendu.word2vec.Word2VecConfig;
import org.shendu.word2vec.Word2VecModel;
import org.shendu.word2vec.Word2VecTrainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu word2vec train}: trains vectors on a corpus file or a dataset and saves model and vectors. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train word vectors. Writes model.w2v (the full model, for further training) and vectors.bin"
                + " (word2vec binary format, read by gensim and the C tool) into --out.",
            "Start java with --add-modules jdk.incubator.vector for about twice the speed."})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--corpus", paramLabel = "FILE",
                description = "Plain text, one sentence or document per line, tokens separated by spaces.")
        Path corpus;

        @Option(names = "--dataset", paramLabel = "NAME",
                description = "imdb (all 100,000 reviews, English tokenizer), chinese (both Chinese review sets,"
                        + " smartcn), or the shipped imdb-sample / chinese-sample.")
        String dataset;
    }

    @Option(names = "--tokenizer", paramLabel = "english|chinese|chars",
            description = "Tokenize the --corpus lines with this tokenizer instead of splitting on spaces.")
    String tokenizer;

    @Option(names = "--continue", paramLabel = "MODEL", description = "Continue training this model.w2v.")
    Path continueFrom;

    @Option(names = "--arch", defaultValue = "cbow", paramLabel = "cbow|skipgram",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "5", description = "Context window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative", defaultValue = "5",
            description = "Noise words per prediction, 0 for none (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--hs", description = "Hierarchical softmax (add --negative 0 for HS alone).")
    boolean hs;

    @Option(names = "--sample", defaultValue = "1e-3",
            description = "Subsampling threshold, 0 for none (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--min-count", defaultValue = "5", description = "Drop rarer words (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-vocab", defaultValue = "0", description = "Keep at most N words (default: no cap).")
    int maxVocab;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--alpha", description = "Starting learning rate (default: 0.05 CBOW, 0.025 skip-gram).")
    Double alpha;

    @Option(names = "--min-alpha", defaultValue = "1e-4", description = "Final learning rate (default: ${DEFAULT-VALUE}).")
    double minAlpha;

    @Option(names = "--cbow-sum", description = "CBOW sums the context vectors instead of averaging them.")
    boolean cbowSum;

    @Option(names = "--text", description = "Also write vectors.txt (word2vec text format).")
    boolean text;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        long seed = options.seed(err);
        Path dir = options.out(Path.of("word2vec-model"));
        Files.createDirectories(dir);
        if (!Word2VecTrainer.vectorApi() && !options.json()) {
            err.println("note: the vector API is off; `java --add-modules jdk.incubator.vector -jar shendu.jar ...`"
                    + " trains about twice as fast");
            err.flush();
        }
        Word2VecConfig.Architecture architecture = switch (arch) {
            case "cbow" -> Word2VecConfig.Architecture.CBOW;
            case "skipgram", "skip-gram", "sg" -> Word2VecConfig.Architecture.SKIP_GRAM;
            default -> throw new ShenduException("--arch must be cbow or skipgram, not `" + arch + "`");
        };
        Word2VecConfig.Builder b = Word2VecConfig.builder().architecture(architecture).dimension(dim).window(window)
                .negative(negative).hierarchicalSoftmax(hs).sample(sample).minCount(minCount).maxVocabulary(maxVocab)
                .epochs(epochs).minAlpha(minAlpha).cbowMean(!cbowSum).threads(options.threads()).seed(seed);
        if (alpha != null) {
            b.alpha(alpha);
        }
        Word2VecConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new ShenduException(e.getMessage());
        }
        Corpus corpus = corpus(options.dataDirectory(), dir, err);
        Word2VecTrainer trainer = new Word2VecTrainer(config).progress(TerminalProgress.factory(options));
        Word2VecModel model;
        TrainingReport report;
        if (continueFrom != null) {
            model = Word2VecModel.load(continueFrom);
            report = trainer.continueTraining(model, corpus, epochs);
        } else {
            Word2VecTrainer.Trained t = trainer.train(corpus);
            model = t.model();
            report = t.report();
        }
        model.save(dir.resolve("model.w2v"));
        model.wordVectors().save(dir.resolve("vectors.bin"), true);
        if (text) {
            model.wordVectors().save(dir.resolve("vectors.txt"), false);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("corpus", corpus.describe());
        result.put("config", model.config());
        result.put("vocabulary", model.vocabulary().size());
        result.put("epochsTrained", model.epochsTrained());
        result.put("report", report);
        result.put("vectorApi", Word2VecTrainer.vectorApi());
        result.put("model", dir.resolve("model.w2v").toString());
        result.put("vectors", dir.resolve("vectors.bin").toString());
        if (options.json()) {
            Output.json(out, result);
        } else {
            out.printf("vocabulary %,d words, %,d tokens in %.1f s training (%,.0f words/s, %d thread%s)%n",
                    model.vocabulary().size(), report.tokens(), report.trainSeconds(), report.wordsPerSecond(),
                    config.threads(), config.threads() == 1 ? "" : "s");
            for (int e = 0; e < report.epochLoss().size(); e++) {
                out.printf("epoch %d loss %.4f%n", e + 1, report.epochLoss().get(e));
            }
            out.printf("wrote %s and %s%n", dir.resolve("model.w2v"), dir.resolve("vectors.bin"));
        }
        out.flush();
        return 0;
    }

    private Corpus corpus(DataDirectory data, Path dir, PrintWriter err) throws Exception {
        if (input.corpus != null) {
            if (tokenizer == null) {
                return Corpus.textFile(input.corpus);
            }
            if (!Files.isRegularFile(input.corpus)) {
                throw new ShenduException(input.corpus + ": no such corpus file");
            }
            Tokenizer t = Tokenizer.named(tokenizer);
            Path file = dir.resolve("corpus.txt");
            try (Stream<String> lines = Files.lines(input.corpus)) {
                CorpusFile.write(lines, t::tokenize, file);
            }
            return Corpus.textFile(file);
        }
        switch (input.dataset) {
            case "imdb-sample" -> {
                Tokenizer t = Tokenizer.named("english");
                List<Review> reviews = Samples.imdb();
                return Corpus.of(reviews.stream().map(r -> t.tokenize(r.text())).toList());
            }
            case "chinese-sample" -> {
                Tokenizer t = Tokenizer.named("chinese");
                return Corpus.of(Samples.chineseReviews().stream().map(r -> t.tokenize(r.text())).toList());
            }
            case "imdb" -> {
                Path file = dir.resolve("imdb-corpus.txt");
                err.println("tokenizing the IMDB reviews into " + file);
                err.flush();
                Tokenizer t = Tokenizer.named("english");
                Stream<Review> all = Stream.of("train", "test", "unsup")
                        .flatMap(split -> ImdbReader.stream(ImdbReader.locate(data, split)));
                try (all) {
                    CorpusFile.write(all.map(Review::text), t::tokenize, file);
                }
                return Corpus.textFile(file);
            }
            case "chinese" -> {
                Path file = dir.resolve("chinese-corpus.txt");
                Tokenizer t = Tokenizer.named("chinese");
                List<LabeledText> texts = new java.util.ArrayList<>();
                for (String name : List.of("ChnSentiCorp_htl_all.tsv.gz", "waimai_10k.tsv.gz")) {
                    texts.addAll(LabeledTsvReader.readAll(data.path("chinese-sentiment", name)));
                }
                CorpusFile.write(texts.stream().map(LabeledText::text), t::tokenize, file);
                return Corpus.textFile(file);
            }
            default -> throw new ShenduException("--dataset must be imdb, chinese, imdb-sample or chinese-sample, not `"
                    + input.dataset + "`");
        }
    }
}
