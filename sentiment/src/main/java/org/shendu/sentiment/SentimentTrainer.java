package org.shendu.sentiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Parallel;
import org.shendu.core.Progress;
import org.shendu.data.text.Tokenizer;
import org.shendu.sentiment.classify.BinaryClassifier;
import org.shendu.sentiment.classify.LogisticRegression;
import org.shendu.sentiment.classify.MultinomialNaiveBayes;
import org.shendu.sentiment.classify.NbLogCountRatio;
import org.shendu.sentiment.classify.RandomForest;
import org.shendu.sentiment.eval.StratifiedKFold;
import org.shendu.sentiment.features.AveragedWordVectors;
import org.shendu.sentiment.features.CountVectorizer;
import org.shendu.sentiment.features.CsrMatrix;
import org.shendu.sentiment.features.TfidfVectorizer;
import org.shendu.sentiment.features.Vectorizer;
import org.shendu.sentiment.text.Tokenizers;

/**
 * Trains a {@link Recipe} on labelled texts as the scikit-learn anchors do: the vectorizer is
 * fitted on all training texts; for logistic regression C is chosen by stratified k-fold
 * cross-validation on the training set only (accuracy, the smallest C among ties, as
 * {@code GridSearchCV}); NBSVM's log-count ratio is refitted inside each fold; then the model is
 * refitted on the whole training set with the chosen C.
 *
 * <p>Folds run in parallel. Within a fold the C values are solved from small to large, each
 * started from the previous solution (a warm start: the same optimum, several times cheaper).
 */
public final class SentimentTrainer {
    private final int threads;
    private final long seed;
    private final Progress.Factory progress;

    /**
     * @param threads  worker threads
     * @param seed     seed of the cross-validation folds and of the random forest
     * @param progress progress reports (use {@link Progress.Factory#NONE} for none)
     */
    public SentimentTrainer(int threads, long seed, Progress.Factory progress) {
        this.threads = Math.max(1, threads);
        this.seed = seed;
        this.progress = progress;
    }

    /** A trained model with what training measured. */
    public record Result(SentimentModel model, double c, double cvAccuracy, Map<Double, Double> cvAccuracyByC,
                         int features, double vectorizeSeconds, double cvSeconds, double fitSeconds) {}

    /** Trains {@code recipe} on {@code texts} with labels 0/1. */
    public Result train(Recipe recipe, List<String> texts, int[] labels) {
        checkLabels(labels, texts.size());
        Tokenizer tokenizer = Tokenizers.fromSpec(recipe.tokenizer());
        long t0 = System.nanoTime();
        Vectorizer vectorizer = vectorizer(recipe);
        CsrMatrix x;
        try (Progress p = progress.start("vectorize", -1, "docs")) {
            p.status(recipe.name() + ": tokenize and count");
            x = vectorizer.fitTransform(texts, tokenizer::tokenize);
        }
        long t1 = System.nanoTime();
        Map<Double, Double> cvScores = new LinkedHashMap<>();
        double c = Double.NaN;
        if (recipe.searchesC()) {
            if (recipe.cGrid().isEmpty()) {
                throw new IllegalArgumentException("recipe " + recipe.name() + " has no C values to try");
            }
            if (recipe.cGrid().size() == 1) {
                c = recipe.cGrid().get(0);
            } else {
                c = searchC(recipe, x, labels, cvScores);
            }
        }
        long t2 = System.nanoTime();
        double[] nbRatio = null;
        BinaryClassifier classifier;
        try (Progress p = progress.start("fit", -1, "models")) {
            p.status(recipe.name() + ": final fit");
            switch (recipe.classifier()) {
                // A cold start: a fold's solution is a poor start for NBSVM (its ratio r differs).
                case LOGISTIC_REGRESSION -> classifier = LogisticRegression.fit(x, labels, c, solver(threads));
                case NBSVM -> {
                    nbRatio = NbLogCountRatio.fit(x, labels, 1.0);
                    classifier = LogisticRegression.fit(x.scaleColumns(nbRatio), labels, c, solver(threads));
                }
                case NAIVE_BAYES -> classifier = MultinomialNaiveBayes.fit(x, labels, 1.0);
                case RANDOM_FOREST -> classifier = RandomForest.fit(x, labels,
                        RandomForest.Settings.defaults().seed(seed).threads(threads));
                default -> throw new IllegalStateException();
            }
        }
        long t3 = System.nanoTime();
        SentimentModel model = new SentimentModel(recipe.name(), tokenizer, vectorizer, nbRatio, classifier, c);
        double cvAccuracy = Double.isNaN(c) ? Double.NaN : cvScores.getOrDefault(c, Double.NaN);
        return new Result(model, c, cvAccuracy, cvScores, x.cols(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    private static LogisticRegression.Settings solver(int threads) {
        return LogisticRegression.Settings.defaults().threads(threads);
    }

    private Vectorizer vectorizer(Recipe recipe) {
        return switch (recipe.features()) {
            case COUNTS -> new CountVectorizer(recipe.counts(), threads);
            case TFIDF -> new TfidfVectorizer(new CountVectorizer(recipe.counts(), threads), recipe.weighting());
            case WORD_VECTORS -> new AveragedWordVectors(AveragedWordVectors.read(recipe.wordVectors()), threads);
        };
    }

    /** Mean cross-validated accuracy for each C; returns the best C (the smallest among ties). */
    private double searchC(Recipe recipe, CsrMatrix x, int[] labels, Map<Double, Double> scores) {
        List<StratifiedKFold.Fold> folds = new StratifiedKFold(recipe.folds(), seed).split(labels);
        double[] grid = recipe.cGrid().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[][] accuracy = new double[folds.size()][grid.length];
        try (Progress p = progress.start("cross-validate C", (long) folds.size() * grid.length, "fits")) {
            // Folds in parallel, each solver on one thread: no synchronisation inside the solver.
            int foldThreads = Math.min(threads, folds.size());
            int solverThreads = Math.max(1, threads / foldThreads);
            Parallel.run(foldThreads, folds.size(), f -> {
                StratifiedKFold.Fold fold = folds.get(f);
                CsrMatrix train = x.selectRows(fold.train());
                CsrMatrix test = x.selectRows(fold.test());
                int[] yTrain = select(labels, fold.train());
                int[] yTest = select(labels, fold.test());
                if (recipe.classifier() == Recipe.ClassifierKind.NBSVM) {
                    double[] r = NbLogCountRatio.fit(train, yTrain, 1.0);
                    train = train.scaleColumns(r);
                    test = test.scaleColumns(r);
                }
                LogisticRegression previous = null;
                for (int g = 0; g < grid.length; g++) {
                    previous = LogisticRegression.fit(train, yTrain, grid[g], solver(solverThreads), previous, null);
                    int[] predicted = previous.predict(test);
                    int correct = 0;
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == yTest[i] ? 1 : 0;
                    }
                    accuracy[f][g] = correct / (double) predicted.length;
                    synchronized (p) {
                        p.advance(1);
                    }
                }
            });
        }
        int best = 0;
        double bestScore = -1;
        for (int g = 0; g < grid.length; g++) {
            double mean = 0;
            for (double[] fold : accuracy) {
                mean += fold[g];
            }
            mean /= folds.size();
            scores.put(grid[g], mean);
            if (mean > bestScore) {
                bestScore = mean;
                best = g;
            }
        }
        return grid[best];
    }

    static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static void checkLabels(int[] labels, int texts) {
        if (labels.length != texts) {
            throw new IllegalArgumentException(texts + " texts but " + labels.length + " labels");
        }
        int positives = 0;
        for (int label : labels) {
            if (label != 0 && label != 1) {
                throw new org.shendu.core.ShenduException("labels must be 0 (negative) or 1 (positive), found " + label);
            }
            positives += label;
        }
        if (positives == 0 || positives == labels.length) {
            throw new org.shendu.core.ShenduException("the training set needs both positive and negative reviews");
        }
    }
}
