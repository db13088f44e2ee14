package org.shendu.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.shendu.core.ShenduException;
import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.sentiment.classify.BinaryClassifier;
import org.shendu.sentiment.classify.LogisticRegression;
import org.shendu.sentiment.classify.MultinomialNaiveBayes;
import org.shendu.sentiment.classify.RandomForest;
import org.shendu.sentiment.features.AveragedWordVectors;
import org.shendu.sentiment.features.CountVectorizer;
import org.shendu.sentiment.features.CsrMatrix;
import org.shendu.sentiment.features.TfidfVectorizer;
import org.shendu.sentiment.features.Vectorizer;
import org.shendu.word2vec.WordVectors;
import org.shendu.sentiment.text.Tokenizers;

/**
 * A trained sentiment classifier, from raw text to the probability that a review is positive:
 * tokenizer, vectorizer (with its vocabulary), the NBSVM scaling when there is one, and the
 * classifier. Saved and loaded as one {@link ModelFile}, so inference tokenizes exactly as
 * training did.
 */
public final class SentimentModel {
    private final String recipe;
    private final Tokenizer tokenizer;
    private final Vectorizer vectorizer;
    private final double[] nbRatio;
    private final BinaryClassifier classifier;
    private final double c;

    /**
     * @param recipe     the recipe's name, for reports
     * @param nbRatio    NBSVM's log-count ratio applied to the features, or null
     * @param c          the regularisation strength chosen, or NaN when the classifier has none
     */
    public SentimentModel(String recipe, Tokenizer tokenizer, Vectorizer vectorizer, double[] nbRatio,
                          BinaryClassifier classifier, double c) {
        this.recipe = recipe;
        this.tokenizer = tokenizer;
        this.vectorizer = vectorizer;
        this.nbRatio = nbRatio;
        this.classifier = classifier;
        this.c = c;
    }

    public String recipe() {
        return recipe;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Vectorizer vectorizer() {
        return vectorizer;
    }

    public BinaryClassifier classifier() {
        return classifier;
    }

    /** The chosen C, or NaN. */
    public double c() {
        return c;
    }

    /** The feature rows of raw texts. */
    public CsrMatrix features(List<String> texts) {
        CsrMatrix x = vectorizer.transform(texts, tokenizer::tokenize);
        return nbRatio == null ? x : x.scaleColumns(nbRatio);
    }

    /** For each text, the probability that it is positive. */
    public double[] predictProbability(List<String> texts) {
        return classifier.predictProbability(features(texts));
    }

    /** One feature and its weight toward the positive class. */
    public record FeatureWeight(String feature, double weight) {}

    /**
     * The {@code k} most positive and {@code k} most negative features of a linear model (for
     * NBSVM the weight of the binary feature, {@code w_j r_j}; for naive Bayes the log ratio
     * {@code log P(t|1) − log P(t|0)}), most extreme first. Empty for the forest and word vectors.
     */
    public List<List<FeatureWeight>> topFeatures(int k) {
        double[] weights;
        if (classifier instanceof LogisticRegression lr && !(vectorizer instanceof AveragedWordVectors)) {
            weights = lr.weights();
            if (nbRatio != null) {
                for (int j = 0; j < weights.length; j++) {
                    weights[j] *= nbRatio[j];
                }
            }
        } else if (classifier instanceof MultinomialNaiveBayes nb) {
            weights = nb.logRatios();
        } else {
            return List.of(List.of(), List.of());
        }
        Integer[] order = new Integer[weights.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        final double[] w = weights;
        Arrays.sort(order, Comparator.comparingDouble(j -> -w[j]));
        List<FeatureWeight> positive = new ArrayList<>();
        List<FeatureWeight> negative = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            positive.add(new FeatureWeight(vectorizer.featureName(order[i]), w[order[i]]));
            int j = order[order.length - 1 - i];
            negative.add(new FeatureWeight(vectorizer.featureName(j), w[j]));
        }
        return List.of(positive, negative);
    }

    // ---------------------------------------------------------------- saving and loading

    /** Saves the whole pipeline to {@code file} (temporary name, then rename). */
    public void save(Path file) {
        ModelFile out = ModelFile.create();
        ObjectNode h = out.header();
        h.put("kind", "sentiment-classifier");
        h.put("recipe", recipe);
        ObjectNode tok = h.putObject("tokenizer");
        tok.put("kind", tokenizer.spec().kind());
        ObjectNode opts = tok.putObject("options");
        new TreeMap<>(tokenizer.spec().options()).forEach(opts::put);
        ObjectNode feat = h.putObject("features");
        CountVectorizer counts = null;
        if (vectorizer instanceof TfidfVectorizer tfidf) {
            feat.put("kind", "tfidf");
            TfidfVectorizer.Weighting wt = tfidf.weighting();
            feat.put("use_idf", wt.useIdf());
            feat.put("smooth_idf", wt.smoothIdf());
            feat.put("sublinear_tf", wt.sublinearTf());
            feat.put("norm", wt.norm().name().toLowerCase(java.util.Locale.ROOT));
            out.put("idf", tfidf.idf());
            counts = tfidf.counts();
        } else if (vectorizer instanceof CountVectorizer cv) {
            feat.put("kind", "counts");
            counts = cv;
        } else if (vectorizer instanceof AveragedWordVectors avg) {
            feat.put("kind", "word_vectors");
            feat.put("dimension", avg.vectors().dimension());
            out.put("word_vector_words", avg.vectors().words().toArray(String[]::new));
            out.put("word_vector_values", avg.vectors().values());
            out.put("scaler_mean", avg.mean());
            out.put("scaler_scale", avg.scale());
        } else {
            throw new IllegalStateException("cannot save vectorizer " + vectorizer.getClass().getSimpleName());
        }
        if (counts != null) {
            CountVectorizer.Settings s = counts.settings();
            feat.put("ngram_min", s.ngramMin());
            feat.put("ngram_max", s.ngramMax());
            feat.put("min_df", s.minDf());
            feat.put("max_df", s.maxDf());
            feat.put("max_features", s.maxFeatures());
            feat.put("binary", s.binary());
            ArrayNode stop = feat.putArray("stop_words");
            s.stopWords().stream().sorted().forEach(stop::add);
            out.put("tokens", counts.vocabularyTokens());
            int[][] ids = counts.termTokenIds();
            for (int p = 0; p < ids.length; p++) {
                out.put("term_token_" + p, ids[p]);
            }
        }
        if (nbRatio != null) {
            out.put("nb_ratio", nbRatio);
        }
        ObjectNode cls = h.putObject("classifier");
        if (!Double.isNaN(c)) {
            cls.put("c", c);
        }
        if (classifier instanceof LogisticRegression lr) {
            cls.put("kind", "logistic_regression");
            cls.put("intercept", lr.intercept());
            out.put("weights", lr.weights());
        } else if (classifier instanceof MultinomialNaiveBayes nb) {
            cls.put("kind", "multinomial_naive_bayes");
            cls.put("log_prior_negative", nb.logPriorNegative());
            cls.put("log_prior_positive", nb.logPriorPositive());
            out.put("log_prob_negative", nb.logProbNegative());
            out.put("log_prob_positive", nb.logProbPositive());
        } else if (classifier instanceof RandomForest rf) {
            cls.put("kind", "random_forest");
            cls.put("features", rf.features());
            RandomForest.Tree[] trees = rf.trees();
            int total = Arrays.stream(trees).mapToInt(RandomForest.Tree::nodes).sum();
            int[] sizes = new int[trees.length];
            int[] feature = new int[total];
            double[] threshold = new double[total];
            int[] left = new int[total];
            int[] right = new int[total];
            double[] value = new double[total];
            int at = 0;
            for (int t = 0; t < trees.length; t++) {
                RandomForest.Tree tree = trees[t];
                sizes[t] = tree.nodes();
                System.arraycopy(tree.feature(), 0, feature, at, tree.nodes());
                System.arraycopy(tree.threshold(), 0, threshold, at, tree.nodes());
                System.arraycopy(tree.left(), 0, left, at, tree.nodes());
                System.arraycopy(tree.right(), 0, right, at, tree.nodes());
                System.arraycopy(tree.positiveFraction(), 0, value, at, tree.nodes());
                at += tree.nodes();
            }
            out.put("tree_sizes", sizes).put("tree_feature", feature).put("tree_threshold", threshold)
                    .put("tree_left", left).put("tree_right", right).put("tree_value", value);
        } else {
            throw new IllegalStateException("cannot save classifier " + classifier.getClass().getSimpleName());
        }
        out.write(file);
    }

    /**
     * Loads a model saved by {@link #save}, vectorising on {@code threads} threads. A file of
     * another kind or format version gives a one-line error.
     */
    public static SentimentModel load(Path file, int threads) {
        ModelFile in = ModelFile.read(file);
        JsonNode h = in.header();
        if (!"sentiment-classifier".equals(h.path("kind").asText())) {
            throw ShenduException.in(file, "not a sentiment classifier (kind `" + h.path("kind").asText() + "`)");
        }
        try {
            return fromFile(in, h, Math.max(1, threads));
        } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw ShenduException.in(file, "damaged model: " + e.getMessage());
        }
    }

    private static SentimentModel fromFile(ModelFile in, JsonNode h, int threads) {
        JsonNode tok = h.path("tokenizer");
        Map<String, String> options = new TreeMap<>();
        tok.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        Tokenizer tokenizer = Tokenizers.fromSpec(new TokenizerSpec(tok.path("kind").asText(), options));
        JsonNode feat = h.path("features");
        String featureKind = feat.path("kind").asText();
        Vectorizer vectorizer;
        if (featureKind.equals("word_vectors")) {
            int dim = feat.path("dimension").asInt();
            WordVectors vectors = new WordVectors(java.util.List.of(in.strings("word_vector_words")), in.floats("word_vector_values"), dim, null);
            vectorizer = AveragedWordVectors.fitted(vectors, in.doubles("scaler_mean"), in.doubles("scaler_scale"), threads);
        } else {
            Set<String> stop = new HashSet<>();
            feat.path("stop_words").forEach(w -> stop.add(w.asText()));
            CountVectorizer.Settings s = new CountVectorizer.Settings(feat.path("ngram_min").asInt(),
                    feat.path("ngram_max").asInt(), feat.path("min_df").asDouble(), feat.path("max_df").asDouble(),
                    feat.path("max_features").asInt(), feat.path("binary").asBoolean(), stop);
            int[][] ids = new int[s.ngramMax()][];
            for (int p = 0; p < ids.length; p++) {
                ids[p] = in.ints("term_token_" + p);
            }
            CountVectorizer counts = CountVectorizer.fitted(s, in.strings("tokens"), ids, threads);
            if (featureKind.equals("tfidf")) {
                TfidfVectorizer.Weighting w = new TfidfVectorizer.Weighting(feat.path("use_idf").asBoolean(),
                        feat.path("smooth_idf").asBoolean(), feat.path("sublinear_tf").asBoolean(),
                        TfidfVectorizer.Norm.valueOf(feat.path("norm").asText().toUpperCase(java.util.Locale.ROOT)));
                vectorizer = TfidfVectorizer.fitted(counts, w, in.doubles("idf"));
            } else if (featureKind.equals("counts")) {
                vectorizer = counts;
            } else {
                throw new IllegalArgumentException("unknown feature kind `" + featureKind + "`");
            }
        }
        double[] nbRatio = in.has("nb_ratio") ? in.doubles("nb_ratio") : null;
        JsonNode cls = h.path("classifier");
        double c = cls.has("c") ? cls.get("c").asDouble() : Double.NaN;
        BinaryClassifier classifier = switch (cls.path("kind").asText()) {
            case "logistic_regression" -> new LogisticRegression(in.doubles("weights"), cls.path("intercept").asDouble());
            case "multinomial_naive_bayes" -> new MultinomialNaiveBayes(in.doubles("log_prob_negative"),
                    in.doubles("log_prob_positive"), cls.path("log_prior_negative").asDouble(),
                    cls.path("log_prior_positive").asDouble());
            case "random_forest" -> {
                int[] sizes = in.ints("tree_sizes");
                int[] feature = in.ints("tree_feature");
                double[] threshold = in.doubles("tree_threshold");
                int[] left = in.ints("tree_left");
                int[] right = in.ints("tree_right");
                double[] value = in.doubles("tree_value");
                RandomForest.Tree[] trees = new RandomForest.Tree[sizes.length];
                int at = 0;
                for (int t = 0; t < sizes.length; t++) {
                    int n = sizes[t];
                    trees[t] = new RandomForest.Tree(Arrays.copyOfRange(feature, at, at + n),
                            Arrays.copyOfRange(threshold, at, at + n), Arrays.copyOfRange(left, at, at + n),
                            Arrays.copyOfRange(right, at, at + n), Arrays.copyOfRange(value, at, at + n));
                    at += n;
                }
                yield new RandomForest(trees, cls.path("features").asInt());
            }
            default -> throw new IllegalArgumentException("unknown classifier `" + cls.path("kind").asText() + "`");
        };
        return new SentimentModel(h.path("recipe").asText(), tokenizer, vectorizer, nbRatio, classifier, c);
    }
}
