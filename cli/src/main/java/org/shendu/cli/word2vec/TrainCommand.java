package org.shendu.cli.word2vec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.InputFile;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutOption;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.TerminalProgress;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.Validation;
import org.shendu.core.json.Json;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.LabeledTsvReader;
import org.shendu.data.LabeledText;
import org.shendu.data.Review;
import org.shendu.data.Samples;
import org.shendu.data.TextLines;
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
    /** The options that shape a model; {@code --continue} keeps the model's own. */
    private static final List<String> SHAPE = List.of("--arch", "--dim", "--window", "--negative", "--hs", "--sample",
            "--min-count", "--max-vocab", "--cbow-sum");

    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Mixin
    ThreadsOption threads;

    @Mixin
    OutOption out;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--corpus", paramLabel = "FILE",
                description = "Plain UTF-8 text, one sentence or document per line, tokens separated by spaces.")
        @InputFile
        Path corpus;

        @Option(names = "--dataset", paramLabel = "NAME",
                description = "imdb (all 100,000 reviews, English tokenizer), chinese (both Chinese review sets,"
                        + " smartcn), or the shipped sample-imdb / sample-chinese.")
        @OneOf(value = {"imdb", "chinese", "sample-imdb", "sample-chinese"}, aliases = {"imdb-sample", "chinese-sample"})
        String dataset;
    }

    @Option(names = "--tokenizer", paramLabel = "english|chinese|chars",
            description = "Tokenize the --corpus lines with this tokenizer instead of splitting on spaces.")
    @OneOf({"english", "chinese", "chars"})
    String tokenizer;

    @Option(names = "--continue", paramLabel = "MODEL", description = "Continue training this model.w2v (its"
            + " architecture, dimension, window and vocabulary are kept).")
    @InputFile
    Path continueFrom;

    @Option(names = "--arch", defaultValue = "cbow", paramLabel = "cbow|skipgram",
            description = "Architecture (default: ${DEFAULT-VALUE}).")
    @OneOf(value = {"cbow", "skipgram"}, aliases = {"skip-gram", "sg"})
    String arch;

    @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int dim;

    @Option(names = "--window", defaultValue = "5", description = "Context window (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int window;

    @Option(names = "--negative", defaultValue = "5",
            description = "Noise words per prediction, 0 for none (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    int negative;

    @Option(names = "--hs", description = "Hierarchical softmax (add --negative 0 for HS alone).")
    boolean hs;

    @Option(names = "--sample", defaultValue = "1e-3",
            description = "Subsampling threshold, 0 for none (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    double sample;

    @Option(names = "--min-count", defaultValue = "5", description = "Drop rarer words (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int minCount;

    @Option(names = "--max-vocab", paramLabel = "N", description = "Keep at most N words (default: no cap).")
    @AtLeast(1)
    Integer maxVocab;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int epochs;

    @Option(names = "--alpha", description = "Starting learning rate (default: 0.05 CBOW, 0.025 skip-gram).")
    @Positive
    Double alpha;

    @Option(names = "--min-alpha", defaultValue = "1e-4", description = "Final learning rate (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
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
        PrintWriter stdout = spec.commandLine().getOut();
        if (continueFrom != null) {
            for (String name : SHAPE) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw Validation.usage(spec, name + " cannot change a model given to --continue; leave it out");
                }
            }
        }
        if (tokenizer != null && input.corpus == null) {
            throw Validation.usage(spec, "--tokenizer applies to --corpus only (each --dataset has its own)");
        }
        Word2VecConfig.Architecture architecture = arch.equals("cbow") ? Word2VecConfig.Architecture.CBOW
                : Word2VecConfig.Architecture.SKIP_GRAM;
        Word2VecConfig.Builder b = Word2VecConfig.builder().architecture(architecture).dimension(dim).window(window)
                .negative(negative).hierarchicalSoftmax(hs).sample(sample).minCount(minCount)
                .maxVocabulary(maxVocab == null ? 0 : maxVocab).epochs(epochs).minAlpha(minAlpha).cbowMean(!cbowSum)
                .threads(threads.get()).seed(seed.get(err));
        if (alpha != null) {
            b.alpha(alpha);
        }
        Word2VecConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw Validation.usage(spec, e.getMessage());
        }
        Word2VecModel previous = continueFrom == null ? null : Word2VecModel.load(continueFrom);
        Path dir = out.get(Path.of("word2vec-model"));
        Files.createDirectories(dir);
        Corpus corpus = corpus(data.dataDirectory(), dir, err);
        Word2VecTrainer trainer = new Word2VecTrainer(config).progress(TerminalProgress.factory(options));
        Word2VecModel model;
        TrainingReport report;
        if (previous != null) {
            model = previous;
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
        result.put("epochs_trained", model.epochsTrained());
        result.put("report", report);
        result.put("vector_api", Word2VecTrainer.vectorApi());
        result.put("model", dir.resolve("model.w2v"));
        result.put("vectors", dir.resolve("vectors.bin"));
        if (options.json()) {
            Json.print(stdout, result);
        } else {
            stdout.printf("vocabulary %,d words, %,d tokens in %.1f s training (%,.0f words/s, %d thread%s)%n",
                    model.vocabulary().size(), report.tokens(), report.trainSeconds(), report.wordsPerSecond(),
                    config.threads(), config.threads() == 1 ? "" : "s");
            for (int e = 0; e < report.epochLoss().size(); e++) {
                stdout.printf("epoch %d loss %.4f%n", e + 1, report.epochLoss().get(e));
            }
            stdout.printf("wrote %s and %s%n", dir.resolve("model.w2v"), dir.resolve("vectors.bin"));
        }
        stdout.flush();
        if (!Word2VecTrainer.vectorApi() && !options.json()) {
            err.println("note: the vector API was off; bin/shendu (or `java --add-modules jdk.incubator.vector -jar"
                    + " shendu.jar`) trains about twice as fast");
            err.flush();
        }
        return 0;
    }

    private Corpus corpus(DataDirectory data, Path dir, PrintWriter err) throws Exception {
        if (input.corpus != null) {
            if (tokenizer == null) {
                return Corpus.textFile(input.corpus);
            }
            Tokenizer t = Tokenizer.named(tokenizer);
            Path file = dir.resolve("corpus.txt");
            try (TextLines lines = TextLines.open(input.corpus)) {
                CorpusFile.write(Stream.generate(lines::next).takeWhile(java.util.Objects::nonNull), t::tokenize, file);
            }
            return Corpus.textFile(file);
        }
        switch (input.dataset) {
            case "sample-imdb", "imdb-sample" -> {
                Tokenizer t = Tokenizer.named("english");
                List<Review> reviews = Samples.imdb();
                return Corpus.of(reviews.stream().map(r -> t.tokenize(r.text())).toList());
            }
            case "sample-chinese", "chinese-sample" -> {
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
            default -> throw new IllegalStateException("--dataset " + input.dataset + " passed validation");
        }
    }
}
