package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shendu.cli.TourStep;
import org.shendu.core.Progress;
import org.shendu.data.DataDirectory;
import org.shendu.sentiment.CrossValidatedEvaluation;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.sentiment.Recipe;
import org.shendu.sentiment.SentimentModel;
import org.shendu.sentiment.SentimentTrainer;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.core.metrics.RocCurve;
import org.shendu.core.picture.RocPlot;

/**
 * The sentiment module's part of the tour: NBSVM on the shipped IMDB sample (C by
 * cross-validation, test scores, ROC curve, top features, two predictions), then naive Bayes on
 * the shipped Chinese hotel reviews by stratified cross-validation.
 */
public final class SentimentTour implements TourStep {

    @Override
    public String title() {
        return "sentiment: bag of words and NBSVM";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) {
        DataDirectory none = DataDirectory.resolve(dir.resolve("no-data"));
        LabeledCorpus train = LabeledCorpus.load("sample-imdb", "train", none);
        LabeledCorpus test = LabeledCorpus.load("sample-imdb", "test", none);
        int threads = Runtime.getRuntime().availableProcessors();
        Recipe recipe = Recipe.builder("nbsvm").folds(3).build();
        SentimentTrainer.Result r = new SentimentTrainer(threads, seed, Progress.Factory.NONE)
                .train(recipe, train.texts(), train.labels());
        SentimentModel model = r.model();
        double[] p = model.predictProbability(test.texts());
        BinaryMetrics m = BinaryMetrics.of(test.labels(), p);
        Path roc = dir.resolve("sentiment-roc.png");
        RocPlot.write(RocCurve.of(test.labels(), p), "NBSVM, IMDB sample", roc);
        StringBuilder md = new StringBuilder();
        String first = String.format(Locale.ROOT, "NBSVM (uni+bigrams, %,d features) trained on %,d sample reviews,"
                + " C = %s by 3-fold CV; on %,d test reviews: accuracy %.3f, ROC-AUC %.3f.", r.features(),
                train.texts().size(), r.c(), test.texts().size(), m.accuracy(), m.rocAuc());
        out.println(first);
        md.append(first).append(" The full-data figures are in docs/sentiment.md.\n\n![ROC curve](")
                .append(roc.getFileName()).append(")\n\n");
        List<List<SentimentModel.FeatureWeight>> top = model.topFeatures(6);
        String features = "Most positive: " + names(top.get(0)) + ". Most negative: " + names(top.get(1)) + ".";
        out.println(features);
        md.append(features).append("\n\n");
        List<String> examples = List.of("A wonderful film, the best acting I have seen this year.",
                "Boring and predictable; a waste of two hours.");
        double[] q = model.predictProbability(examples);
        for (int i = 0; i < examples.size(); i++) {
            String line = String.format(Locale.ROOT, "P(positive) = %.3f for \"%s\"", q[i], examples.get(i));
            out.println(line);
            md.append("- ").append(line).append("\n");
        }
        LabeledCorpus hotels = LabeledCorpus.load("sample-chnsenticorp", "train", none);
        CrossValidatedEvaluation.Result cv = CrossValidatedEvaluation.run(Recipe.builder("nb").chinese().build(),
                hotels.texts(), hotels.labels(), 3, threads, seed, Progress.Factory.NONE);
        String chinese = String.format(Locale.ROOT, "Chinese hotel reviews (%d, smartcn words), naive Bayes, stratified"
                + " 3-fold CV: accuracy %.3f ± %.3f, ROC-AUC %.3f.", hotels.texts().size(), cv.meanAccuracy(),
                cv.sdAccuracy(), cv.meanRocAuc());
        out.println(chinese);
        md.append("\n").append(chinese).append("\n");
        out.flush();
        return md.toString();
    }

    private static String names(List<SentimentModel.FeatureWeight> features) {
        return String.join(", ", features.stream().map(f -> "\"" + f.feature() + "\"").toList());
    }
}
