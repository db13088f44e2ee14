package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.Validation;
import org.shendu.core.json.Json;
import org.shendu.cli.TerminalProgress;
import org.shendu.sentiment.CrossValidatedEvaluation;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.sentiment.Recipe;
import org.shendu.sentiment.SentimentModel;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputPath;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.core.metrics.RocCurve;
import org.shendu.core.picture.RocPlot;
import org.shendu.sentiment.rnn.LstmSentimentModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shendu sentiment evaluate}: scores a saved model on labelled data, or scores a recipe by
 * stratified k-fold cross-validation ({@code --folds K}) on a set without a test split.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved model on labelled reviews, or a recipe by stratified k-fold cross-validation.")
public final class EvaluateCommand implements Callable<Integer> {

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

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--model", paramLabel = "FILE",
                description = "A model saved by `sentiment train` (a file, or the folder of an lstm model).")
        @InputPath
        Path modelFile;

        @Option(names = "--recipe", paramLabel = "NAME",
                description = "A recipe to cross-validate: rf, bow-lr, tfidf-lr, nbsvm, nb, w2v-avg, lstm.")
        @OneOf({"rf", "bow-lr", "tfidf-lr", "nbsvm", "nb", "w2v-avg", "lstm"})
        String recipe;
    }

    @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "imdb",
            description = "Labelled data: a dataset name or a TSV file (default: ${DEFAULT-VALUE}; "
                    + "the test split for a saved model).")
    @OneOf(value = {"imdb", "chnsenticorp", "waimai", "sample-imdb", "sample-chnsenticorp", "sample-waimai"}, orFile = true)
    String dataset;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds of the cross-validation of a recipe (default: ${DEFAULT-VALUE}).")
    @AtLeast(2)
    int folds;

    @Option(names = "--vectors", paramLabel = "FILE", description = "word2vec-format vectors (w2v-avg only).")
    @InputFile
    Path vectors;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Top features to show (default: 10).")
    @AtLeast(1)
    int top;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> report = new LinkedHashMap<>();
        if (what.modelFile != null) {
            if (vectors != null) {
                throw Validation.usage(spec, "--vectors goes with --recipe w2v-avg; a saved model has its own");
            }
            boolean isLstm = LstmSentimentModel.isModel(what.modelFile);
            LstmOptions.refuseTrainingOptions(spec, isLstm, "a saved model (it has its own settings)");
            SentimentModel model = isLstm ? null : SentimentModel.load(what.modelFile, threads.get());
            LstmSentimentModel lstmModel = isLstm ? LstmSentimentModel.load(what.modelFile, device.open(threads.get())) : null;
            String recipeName = isLstm ? "lstm" : model.recipe();
            LabeledCorpus data = LabeledCorpus.load(dataset, "test", this.data.dataDirectory());
            TrainCommand.warnDropped(err, data);
            long t0 = System.nanoTime();
            double[] probability = isLstm ? lstmModel.predictProbability(data.texts()) : model.predictProbability(data.texts());
            double seconds = (System.nanoTime() - t0) / 1e9;
            BinaryMetrics metrics = BinaryMetrics.of(data.labels(), probability);
            Path roc = out.get(Path.of("shendu-sentiment")).resolve("roc-" + recipeName + ".png");
            RocPlot.write(RocCurve.of(data.labels(), probability), recipeName + " on " + data.name(), roc);
            report.put("model_file", what.modelFile);
            report.put("recipe", recipeName);
            report.put("data", data.name());
            report.put("metrics", Reports.metrics(metrics));
            report.put("predict_s", Reports.round(seconds, 3));
            report.put("roc_curve_png", roc);
            if (!isLstm) {
                report.put("top_features", Reports.topFeatures(model, top));
            }
            if (!options.json()) {
                stdout.printf(Locale.ROOT, "%s on %s (%,d reviews, %.2f s):%n", recipeName, data.name(),
                        data.texts().size(), seconds);
                stdout.print(metrics.report());
                stdout.println("ROC curve: " + roc);
                if (!isLstm) {
                    Reports.printTopFeatures(stdout, model, top);
                }
            }
        } else {
            boolean isLstm = what.recipe.equals("lstm");
            LstmOptions.refuseUnlessLstm(spec, isLstm, "--recipe " + what.recipe);
            if (!isLstm) {
                SentimentCommand.recipe(spec, what.recipe, vectors, false);
            }
            long seed = this.seed.get(err);
            LabeledCorpus data = LabeledCorpus.load(dataset, "train", this.data.dataDirectory());
            TrainCommand.warnDropped(err, data);
            String name = what.recipe;
            CrossValidatedEvaluation.Result r;
            if (isLstm) {
                r = LstmTrain.crossValidate(spec.commandLine(), options, device.open(threads.get()), threads.get(), lstm, data,
                        vectors, folds, seed);
            } else {
                Recipe recipe = SentimentCommand.recipe(spec, what.recipe, vectors, data.chinese());
                name = recipe.name();
                r = CrossValidatedEvaluation.run(recipe, data.texts(), data.labels(), folds, threads.get(), seed,
                        TerminalProgress.factory(options));
            }
            report.put("recipe", name);
            report.put("data", data.name());
            report.put("n", data.texts().size());
            report.put("folds", folds);
            report.put("accuracy_mean", Reports.round(r.meanAccuracy(), 6));
            report.put("accuracy_sd", Reports.round(r.sdAccuracy(), 6));
            report.put("roc_auc_mean", Reports.round(r.meanRocAuc(), 6));
            report.put("roc_auc_sd", Reports.round(r.sdRocAuc(), 6));
            report.put("pooled", Reports.metrics(r.pooled()));
            List<Map<String, Object>> perFold = new ArrayList<>();
            for (CrossValidatedEvaluation.Fold f : r.folds()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("accuracy", Reports.round(f.metrics().accuracy(), 6));
                m.put("roc_auc", Reports.round(f.metrics().rocAuc(), 6));
                if (!Double.isNaN(f.c())) {
                    m.put("c", f.c());
                }
                perFold.add(m);
            }
            report.put("per_fold", perFold);
            report.put("seconds", Reports.round(r.seconds(), 3));
            if (!options.json()) {
                stdout.printf(Locale.ROOT, "%s on %s, stratified %d-fold CV (%,d reviews, %.1f s):%n", name,
                        data.name(), folds, data.texts().size(), r.seconds());
                stdout.printf(Locale.ROOT, "accuracy %.4f ± %.4f, ROC-AUC %.4f ± %.4f (mean ± sd over folds)%n",
                        r.meanAccuracy(), r.sdAccuracy(), r.meanRocAuc(), r.sdRocAuc());
                stdout.println("all held-out predictions pooled:");
                stdout.print(r.pooled().report());
            }
        }
        if (options.json()) {
            Json.print(stdout, report);
        }
        stdout.flush();
        return 0;
    }
}
