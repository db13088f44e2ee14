package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.TerminalProgress;
import org.shendu.core.ShenduException;
import org.shendu.sentiment.CrossValidatedEvaluation;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.sentiment.Recipe;
import org.shendu.core.Device;
import org.shendu.sentiment.SentimentModel;
import org.shendu.sentiment.rnn.LstmSentimentModel;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.core.metrics.RocCurve;
import org.shendu.core.picture.RocPlot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shendu sentiment evaluate}: scores a saved model on labelled data, or scores a recipe by
 * stratified k-fold cross-validation ({@code --cv K}) on a set without a test split.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved model on labelled reviews, or a recipe by stratified k-fold cross-validation.")
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--model-file", paramLabel = "FILE", description = "A model saved by `sentiment train`.")
        Path modelFile;

        @Option(names = {"-m", "--model"}, paramLabel = "NAME",
                description = "A recipe to cross-validate: rf, bow-lr, tfidf-lr, nbsvm, nb, w2v-avg, lstm.")
        String recipe;
    }

    @Option(names = "--dataset", paramLabel = "NAME|FILE", defaultValue = "imdb",
            description = "Labelled data: a dataset name or a TSV file (default: ${DEFAULT-VALUE}; "
                    + "the test split for a saved model).")
    String dataset;

    @Option(names = "--cv", paramLabel = "K", defaultValue = "5",
            description = "Folds of the cross-validation of a recipe (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--vectors", paramLabel = "FILE", description = "word2vec-format vectors (w2v-avg only).")
    Path vectors;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Top features to show (default: 10).")
    int top;

    @Mixin
    LstmOptions lstm;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> report = new LinkedHashMap<>();
        if (what.modelFile != null) {
            boolean lstm = LstmSentimentModel.isModel(what.modelFile);
            SentimentModel model = lstm ? null : SentimentModel.load(what.modelFile, options.threads());
            LstmSentimentModel lstmModel = lstm
                    ? LstmSentimentModel.load(what.modelFile, Device.of(options.device()).threads(options.threads())) : null;
            String recipe = lstm ? "lstm" : model.recipe();
            LabeledCorpus data = LabeledCorpus.load(dataset, "test", options.dataDirectory());
            TrainCommand.warnDropped(err, data);
            long t0 = System.nanoTime();
            double[] probability = lstm ? lstmModel.predictProbability(data.texts()) : model.predictProbability(data.texts());
            double seconds = (System.nanoTime() - t0) / 1e9;
            BinaryMetrics metrics = BinaryMetrics.of(data.labels(), probability);
            Path roc = options.out(Path.of("shendu-sentiment")).resolve("roc-" + recipe + ".png");
            RocPlot.write(RocCurve.of(data.labels(), probability), recipe + " on " + data.name(), roc);
            report.put("model_file", what.modelFile.toString());
            report.put("model", recipe);
            report.put("data", data.name());
            report.put("metrics", Reports.metrics(metrics));
            report.put("predict_s", Reports.round(seconds, 3));
            report.put("roc_curve_png", roc.toString());
            if (!lstm) {
                report.put("top_features", Reports.topFeatures(model, top));
            }
            if (!options.json()) {
                out.printf(Locale.ROOT, "%s on %s (%,d reviews, %.2f s):%n", recipe, data.name(),
                        data.texts().size(), seconds);
                out.print(metrics.report());
                out.println("ROC curve: " + roc);
                if (!lstm) {
                    Reports.printTopFeatures(out, model, top);
                }
            }
        } else {
            if (folds < 2) {
                throw new ShenduException("--cv needs at least 2 folds");
            }
            long seed = options.seed(err);
            LabeledCorpus data = LabeledCorpus.load(dataset, "train", options.dataDirectory());
            TrainCommand.warnDropped(err, data);
            CrossValidatedEvaluation.Result r;
            String name;
            if (what.recipe.equals("lstm")) {
                name = "lstm";
                r = LstmTrain.crossValidate(spec.commandLine(), options, lstm, data, vectors, folds, seed);
            } else {
                Recipe recipe = Recipe.named(what.recipe, data.chinese(), vectors);
                name = recipe.name();
                r = CrossValidatedEvaluation.run(recipe, data.texts(), data.labels(), folds, options.threads(), seed,
                        TerminalProgress.factory(options));
            }
            report.put("model", name);
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
                out.printf(Locale.ROOT, "%s on %s, stratified %d-fold CV (%,d reviews, %.1f s):%n", name,
                        data.name(), folds, data.texts().size(), r.seconds());
                out.printf(Locale.ROOT, "accuracy %.4f ± %.4f, ROC-AUC %.4f ± %.4f (mean ± sd over folds)%n",
                        r.meanAccuracy(), r.sdAccuracy(), r.meanRocAuc(), r.sdRocAuc());
                out.println("all held-out predictions pooled:");
                out.print(r.pooled().report());
            }
        }
        if (options.json()) {
            Reports.json(out, report);
        }
        out.flush();
        return 0;
    }
}
