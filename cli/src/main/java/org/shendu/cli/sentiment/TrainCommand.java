package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.InputFile;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutOption;
import org.shendu.cli.OutputFile;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.Validation;
import org.shendu.core.json.Json;
import org.shendu.cli.TerminalProgress;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.sentiment.Recipe;
import org.shendu.sentiment.SentimentModel;
import org.shendu.sentiment.SentimentTrainer;
import org.shendu.cli.DeviceOptions;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.core.metrics.RocCurve;
import org.shendu.core.picture.RocPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shendu sentiment train}: trains a recipe (C chosen by k-fold CV on the training set),
 * saves the model, and scores it on the test split when there is one, with timings.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a sentiment classifier, save it, and score it on the test set if there is one.")
public final class TrainCommand implements Callable<Integer> {

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

    @Mixin
    DeviceOptions device;

    @Mixin
    LstmOptions lstm;

    @Spec
    CommandSpec spec;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "nbsvm",
            description = "What to train: rf, bow-lr, tfidf-lr, nbsvm, nb, w2v-avg, or lstm (a recurrent network on"
                    + " word2vec vectors; see --preset) (default: ${DEFAULT-VALUE}).")
    @OneOf({"rf", "bow-lr", "tfidf-lr", "nbsvm", "nb", "w2v-avg", "lstm"})
    String recipeName;

    @Option(names = "--dataset", paramLabel = "NAME|FILE",
            description = "Training data: imdb, chnsenticorp, waimai, sample-imdb, sample-chnsenticorp, "
                    + "sample-waimai, or a labelled TSV file (default: imdb when the data directory has it, "
                    + "else sample-imdb).")
    @OneOf(value = {"imdb", "chnsenticorp", "waimai", "sample-imdb", "sample-chnsenticorp", "sample-waimai"},
            orFile = true)
    String dataset;

    @Option(names = "--test", paramLabel = "NAME|FILE",
            description = "Test data (default: the dataset's test split when it has one).")
    @OneOf(value = {"imdb", "chnsenticorp", "waimai", "sample-imdb", "sample-chnsenticorp", "sample-waimai"},
            orFile = true)
    String test;

    @Option(names = "--no-test", description = "Do not score on a test set.")
    boolean noTest;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "word2vec-format vectors (w2v-avg; lstm: instead of training word2vec on the training and unlabeled reviews).")
    @InputFile
    Path vectors;

    @Option(names = "--c", paramLabel = "C", split = ",",
            description = "C value(s) to try instead of the recipe's grid (one value: no cross-validation).")
    @Positive
    List<Double> c;

    @Option(names = "--ngrams", paramLabel = "N",
            description = "Word n-grams of length 1 to N instead of the recipe's range (bag-of-words recipes).")
    @AtLeast(1)
    Integer ngrams;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Cross-validation folds for C (default: ${DEFAULT-VALUE}).")
    @AtLeast(2)
    int folds;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Where to save the model (default: OUT/sentiment-RECIPE.model).")
    @OutputFile
    Path modelFile;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Top features to show (default: 10).")
    @AtLeast(1)
    int top;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean isLstm = recipeName.equals("lstm");
        LstmOptions.refuseUnlessLstm(spec, isLstm, "--recipe " + recipeName);
        Recipe recipe = isLstm ? null : SentimentCommand.recipe(spec, recipeName, vectors, false);
        if (noTest && test != null) {
            throw Validation.usage(spec, "--no-test and --test contradict each other; give one");
        }
        long seed = this.seed.get(err);
        long t0 = System.nanoTime();
        String trainName = dataset != null ? dataset
                : data.dataDirectory().has("imdb", "train.tsv.gz") ? "imdb" : "sample-imdb";
        if (dataset == null && !options.json()) {
            err.println("training on " + trainName + (trainName.startsWith("sample") ? " (the shipped sample; "
                    + "--dataset imdb for the full data)" : ""));
        }
        LabeledCorpus train = LabeledCorpus.load(trainName, "train", data.dataDirectory());
        LabeledCorpus testSet = null;
        if (!noTest && (test != null || LabeledCorpus.hasTestSplit(trainName))) {
            testSet = LabeledCorpus.load(test != null ? test : trainName, "test", data.dataDirectory());
        }
        warnDropped(err, train);
        warnDropped(err, testSet);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        if (isLstm) {
            Map<String, Object> report = LstmTrain.run(spec.commandLine(), options, device.open(threads.get()), threads.get(),
                    seed, data.dataDirectory(), out.get(Path.of("shendu-sentiment")), lstm, train, testSet, trainName,
                    vectors, modelFile);
            if (options.json()) {
                Json.print(stdout, report);
            }
            stdout.flush();
            return 0;
        }

        recipe = SentimentCommand.recipe(spec, recipeName, vectors, train.chinese()).withFolds(folds);
        if (c != null && !c.isEmpty()) {
            recipe = recipe.withCGrid(c);
        }
        if (ngrams != null) {
            recipe = recipe.withNgrams(ngrams);
        }
        SentimentTrainer trainer = new SentimentTrainer(threads.get(), seed, TerminalProgress.factory(options));
        SentimentTrainer.Result result = trainer.train(recipe, train.texts(), train.labels());
        SentimentModel trained = result.model();

        Path dir = out.get(Path.of("shendu-sentiment"));
        Path modelFile = this.modelFile != null ? this.modelFile : dir.resolve("sentiment-" + recipeName + ".model");
        trained.save(modelFile);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("recipe", recipeName);
        report.put("train", train.name());
        report.put("n_train", train.texts().size());
        report.put("n_features", result.features());
        if (!Double.isNaN(result.c())) {
            report.put("c", result.c());
            if (!result.cvAccuracyByC().isEmpty()) {
                report.put("cv_accuracy", Reports.round(result.cvAccuracy(), 6));
                Map<String, Object> byC = new LinkedHashMap<>();
                result.cvAccuracyByC().forEach((k, v) -> byC.put(String.valueOf(k), Reports.round(v, 6)));
                report.put("cv_accuracy_by_c", byC);
            }
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("load_s", Reports.round(loadSeconds, 3));
        timings.put("vectorize_train_s", Reports.round(result.vectorizeSeconds(), 3));
        timings.put("cv_s", Reports.round(result.cvSeconds(), 3));
        timings.put("fit_s", Reports.round(result.fitSeconds(), 3));
        report.put("timings", timings);
        report.put("model_file", modelFile);

        if (!options.json()) {
            stdout.printf(Locale.ROOT, "%s on %s: %,d reviews, %,d features%n", recipeName, train.name(), train.texts().size(),
                    result.features());
            if (!Double.isNaN(result.c())) {
                stdout.printf(Locale.ROOT, "C = %s%s%n", result.c(), result.cvAccuracyByC().isEmpty() ? ""
                        : String.format(Locale.ROOT, " (chosen by %d-fold CV, accuracy %.4f; by C: %s)", folds,
                        result.cvAccuracy(), result.cvAccuracyByC()));
            }
            stdout.printf(Locale.ROOT, "vectorize %.2f s, cross-validation %.2f s, fit %.2f s%n",
                    result.vectorizeSeconds(), result.cvSeconds(), result.fitSeconds());
            stdout.println("model saved to " + modelFile);
        }
        if (testSet != null) {
            long p0 = System.nanoTime();
            double[] probability = trained.predictProbability(testSet.texts());
            double predictSeconds = (System.nanoTime() - p0) / 1e9;
            timings.put("predict_s", Reports.round(predictSeconds, 3));
            BinaryMetrics metrics = BinaryMetrics.of(testSet.labels(), probability);
            Path roc = dir.resolve("roc-" + recipeName + ".png");
            RocPlot.write(RocCurve.of(testSet.labels(), probability), recipeName + " on " + testSet.name(), roc);
            report.put("test", testSet.name());
            report.put("test_metrics", Reports.metrics(metrics));
            report.put("roc_curve_png", roc);
            if (!options.json()) {
                stdout.printf(Locale.ROOT, "test on %s (predict %.2f s):%n", testSet.name(), predictSeconds);
                stdout.print(metrics.report());
                stdout.println("ROC curve: " + roc);
            }
        }
        timings.put("total_s", Reports.round((System.nanoTime() - t0) / 1e9, 3));
        report.put("top_features", Reports.topFeatures(trained, top));
        if (options.json()) {
            Json.print(stdout, report);
        } else {
            Reports.printTopFeatures(stdout, trained, top);
            stdout.printf(Locale.ROOT, "total %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
        stdout.flush();
        return 0;
    }

    static void warnDropped(PrintWriter err, LabeledCorpus corpus) {
        if (corpus != null && corpus.dropped() > 0) {
            err.println(corpus.name() + ": left out " + corpus.dropped() + " empty review(s)");
            err.flush();
        }
    }
}
