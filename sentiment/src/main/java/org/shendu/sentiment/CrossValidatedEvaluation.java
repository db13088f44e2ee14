package org.shendu.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.shendu.core.Progress;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.sentiment.eval.StratifiedKFold;

/**
 * Scores a {@link Recipe} by stratified k-fold cross-validation, for corpora without an official
 * test split (the Chinese review sets): each fold is held out once while the recipe is trained
 * on the others (choosing its own C by an inner cross-validation on those only), and the held-out
 * probabilities are scored. Reports each fold's metrics, their mean and standard deviation, and
 * the metrics of all held-out predictions pooled.
 */
public final class CrossValidatedEvaluation {
    private CrossValidatedEvaluation() {}

    /** One held-out fold's scores and the C its training chose. */
    public record Fold(BinaryMetrics metrics, double c) {}

    /** All folds, their summary, and the wall time. */
    public record Result(List<Fold> folds, BinaryMetrics pooled, double meanAccuracy, double sdAccuracy,
                         double meanRocAuc, double sdRocAuc, double seconds) {}

    /** Trains on one fold's training part and returns the scorer of held-out texts (and the C it chose, or NaN). */
    @FunctionalInterface
    public interface Learner {
        Fitted fit(List<String> texts, int[] labels);
    }

    /** A fold's trained model: p(positive) of texts, and its C (NaN when it has none). */
    public record Fitted(Function<List<String>, double[]> probability, double c) {}

    public static Result run(Recipe recipe, List<String> texts, int[] labels, int folds, int threads, long seed,
                             Progress.Factory progress) {
        // The inner search uses other folds than the outer split (another seed).
        SentimentTrainer trainer = new SentimentTrainer(threads, seed + 1, Progress.Factory.NONE);
        return run(recipe.name(), (t, y) -> {
            SentimentTrainer.Result trained = trainer.train(recipe, t, y);
            return new Fitted(trained.model()::predictProbability, trained.c());
        }, texts, labels, folds, seed, progress);
    }

    /**
     * Cross-validates any learner on the same folds as the recipes (the folds depend only on the
     * labels, k and the seed), so an LSTM and NBSVM are compared fold by fold.
     */
    public static Result run(String name, Learner learner, List<String> texts, int[] labels, int folds, long seed,
                             Progress.Factory progress) {
        long start = System.nanoTime();
        List<StratifiedKFold.Fold> splits = new StratifiedKFold(folds, seed).split(labels);
        double[] pooled = new double[labels.length];
        List<Fold> results = new ArrayList<>();
        try (Progress p = progress.start(name + " " + folds + "-fold CV", folds, "folds")) {
            for (StratifiedKFold.Fold split : splits) {
                List<String> trainTexts = new ArrayList<>(split.train().length);
                for (int i : split.train()) {
                    trainTexts.add(texts.get(i));
                }
                List<String> testTexts = new ArrayList<>(split.test().length);
                for (int i : split.test()) {
                    testTexts.add(texts.get(i));
                }
                Fitted trained = learner.fit(trainTexts, SentimentTrainer.select(labels, split.train()));
                double[] probability = trained.probability().apply(testTexts);
                for (int k = 0; k < probability.length; k++) {
                    pooled[split.test()[k]] = probability[k];
                }
                results.add(new Fold(BinaryMetrics.of(SentimentTrainer.select(labels, split.test()), probability),
                        trained.c()));
                p.advance(1);
            }
        }
        double[] acc = results.stream().mapToDouble(f -> f.metrics().accuracy()).toArray();
        double[] auc = results.stream().mapToDouble(f -> f.metrics().rocAuc()).toArray();
        return new Result(results, BinaryMetrics.of(labels, pooled), mean(acc), sd(acc), mean(auc), sd(auc),
                (System.nanoTime() - start) / 1e9);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Population standard deviation, as numpy's default {@code std}. */
    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
