package org.shendu.sentiment;

import java.nio.file.Path;
import java.util.List;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.sentiment.features.CountVectorizer;
import org.shendu.sentiment.features.TfidfVectorizer;

/**
 * What to train: tokenizer, features and classifier, with the grid of C values that k-fold
 * cross-validation on the training set chooses from. The named recipes are the configurations of
 * the scikit-learn anchors ({@code shared/anchors/bow-sentiment/imdb_bow.py}), so that the two
 * can be compared one to one, plus multinomial naive Bayes.
 *
 * @param name        the recipe's name ({@code nbsvm}, {@code tfidf-lr}, ...)
 * @param tokenizer   how texts are split into tokens
 * @param features    {@link FeatureKind#COUNTS}, {@link FeatureKind#TFIDF} or {@link FeatureKind#WORD_VECTORS}
 * @param counts      the bag-of-words options (unused for word vectors)
 * @param weighting   the TF-IDF options (for {@link FeatureKind#TFIDF})
 * @param wordVectors a word2vec-format file (for {@link FeatureKind#WORD_VECTORS})
 * @param classifier  the model on top of the features
 * @param cGrid       the C values tried by cross-validation (logistic regression only)
 * @param folds       the number of cross-validation folds
 */
public record Recipe(String name, TokenizerSpec tokenizer, FeatureKind features, CountVectorizer.Settings counts,
                     TfidfVectorizer.Weighting weighting, Path wordVectors, ClassifierKind classifier,
                     List<Double> cGrid, int folds) {

    /** The kinds of features. */
    public enum FeatureKind { COUNTS, TFIDF, WORD_VECTORS }

    /** The kinds of classifier. */
    public enum ClassifierKind {
        /** L2-regularised logistic regression, C by cross-validation. */
        LOGISTIC_REGRESSION,
        /** NBSVM: features scaled by the NB log-count ratio (fitted per fold), then logistic regression. */
        NBSVM,
        /** Multinomial naive Bayes, alpha = 1. */
        NAIVE_BAYES,
        /** 100 CART trees, sqrt(features) per split. */
        RANDOM_FOREST
    }

    /** The recipe names, in the order of the benchmark table. */
    public static final List<String> NAMES = List.of("rf", "bow-lr", "tfidf-lr", "nbsvm", "nb", "w2v-avg");

    /**
     * A named recipe for English (the anchors' exact configurations, tokens as the anchors make
     * them: only {@code <br />} removed) or Chinese (smartcn words) reviews.
     * {@code wordVectors} is needed by {@code w2v-avg} only.
     */
    public static Recipe named(String name, boolean chinese, Path wordVectors) {
        TokenizerSpec words = chinese ? TokenizerSpec.of("chinese")
                : new TokenizerSpec("english", java.util.Map.of("html", "br"));
        CountVectorizer.Settings unigrams = CountVectorizer.Settings.defaults();
        TfidfVectorizer.Weighting plain = TfidfVectorizer.Weighting.defaults();
        return switch (name) {
            case "rf" -> new Recipe(name, chinese ? words : TokenizerSpec.of("kaggle-tutorial"), FeatureKind.COUNTS,
                    unigrams.maxFeatures(5000), plain, null, ClassifierKind.RANDOM_FOREST, List.of(), 5);
            case "bow-lr" -> new Recipe(name, words, FeatureKind.COUNTS, unigrams.binary(true), plain, null,
                    ClassifierKind.LOGISTIC_REGRESSION, List.of(0.01, 0.03, 0.1, 0.3, 1.0), 5);
            case "tfidf-lr" -> new Recipe(name, words, FeatureKind.TFIDF, unigrams.ngramRange(1, 2).minDf(2),
                    plain.sublinearTf(true), null, ClassifierKind.LOGISTIC_REGRESSION,
                    List.of(3.0, 10.0, 30.0, 100.0, 300.0, 1000.0), 5);
            case "nbsvm" -> new Recipe(name, words, FeatureKind.COUNTS, unigrams.ngramRange(1, 2).binary(true), plain,
                    null, ClassifierKind.NBSVM, List.of(0.1, 0.3, 1.0, 3.0, 10.0), 5);
            case "nb" -> new Recipe(name, words, FeatureKind.COUNTS, unigrams.ngramRange(1, 2), plain, null,
                    ClassifierKind.NAIVE_BAYES, List.of(), 5);
            case "w2v-avg" -> {
                if (wordVectors == null) {
                    throw new org.shendu.core.ShenduException("recipe w2v-avg needs a word2vec-format vectors file"
                            + " (--vectors FILE)");
                }
                yield new Recipe(name, words, FeatureKind.WORD_VECTORS, unigrams, plain, wordVectors,
                        ClassifierKind.LOGISTIC_REGRESSION, List.of(0.0003, 0.001, 0.003, 0.01, 0.1, 1.0), 5);
            }
            default -> throw new org.shendu.core.ShenduException("unknown model `" + name + "`, expected one of "
                    + String.join(", ", NAMES));
        };
    }

    /** The same recipe with another tokenizer. */
    public Recipe withTokenizer(TokenizerSpec spec) {
        return new Recipe(name, spec, features, counts, weighting, wordVectors, classifier, cGrid, folds);
    }

    /** The same recipe with a single C (no search) or another grid. */
    public Recipe withCGrid(List<Double> grid) {
        return new Recipe(name, tokenizer, features, counts, weighting, wordVectors, classifier, List.copyOf(grid), folds);
    }

    /** The same recipe with word n-grams of length 1 to {@code max} (e.g. 3 for uni+bi+trigrams). */
    public Recipe withNgrams(int max) {
        if (max < 1 || features == FeatureKind.WORD_VECTORS) {
            throw new org.shendu.core.ShenduException(features == FeatureKind.WORD_VECTORS
                    ? "--ngrams does not apply to " + name : "--ngrams must be 1 or more, got " + max);
        }
        return new Recipe(name, tokenizer, features, counts.ngramRange(1, max), weighting, wordVectors, classifier,
                cGrid, folds);
    }

    /** The same recipe with another number of cross-validation folds. */
    public Recipe withFolds(int k) {
        return new Recipe(name, tokenizer, features, counts, weighting, wordVectors, classifier, cGrid, k);
    }

    /** Whether the recipe has a C to choose. */
    public boolean searchesC() {
        return (classifier == ClassifierKind.LOGISTIC_REGRESSION || classifier == ClassifierKind.NBSVM);
    }
}
