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
     * A named recipe for English reviews: {@code Recipe.named("nbsvm")}. Chinese reviews, word vectors
     * and other settings go through {@link #builder(String)}.
     */
    public static Recipe named(String name) {
        return builder(name).build();
    }

    /**
     * A builder for a named recipe ({@code rf}, {@code bow-lr}, {@code tfidf-lr}, {@code nbsvm},
     * {@code nb}, {@code w2v-avg}): the anchors' exact configuration, English by default, changed by
     * the builder's setters, e.g.
     * {@code Recipe.builder("w2v-avg").chinese().wordVectors(Path.of("zh.bin")).folds(10).build()}.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Recipe}; every setter is optional. */
    public static final class Builder {
        private final String name;
        private boolean chinese;
        private Path wordVectors;
        private Integer folds;
        private List<Double> cGrid;
        private Integer ngrams;
        private TokenizerSpec tokenizer;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Chinese reviews: smartcn words instead of the English tokens (lower-cased, {@code <br />}
         * removed). Default: English.
         */
        public Builder chinese() {
            this.chinese = true;
            return this;
        }

        /** The word2vec-format vectors file {@code w2v-avg} averages (needed by it, refused by the others). */
        public Builder wordVectors(Path file) {
            this.wordVectors = file;
            return this;
        }

        /** Cross-validation folds for choosing C (default 5). */
        public Builder folds(int k) {
            this.folds = k;
            return this;
        }

        /** The C values tried (one value: no search). Default: the anchor's grid. */
        public Builder cGrid(List<Double> grid) {
            this.cGrid = List.copyOf(grid);
            return this;
        }

        /** Word n-grams of length 1 to {@code max} instead of the recipe's range. */
        public Builder ngrams(int max) {
            this.ngrams = max;
            return this;
        }

        /** Another tokenizer than the recipe's. */
        public Builder tokenizer(TokenizerSpec spec) {
            this.tokenizer = spec;
            return this;
        }

        /** The recipe; throws {@link org.shendu.core.ShenduException} for an unknown name or a bad setting. */
        public Recipe build() {
            if (wordVectors != null && !name.equals("w2v-avg")) {
                throw new org.shendu.core.ShenduException("word vectors are used by w2v-avg only, not " + name);
            }
            if (folds != null && folds < 2) {
                throw new org.shendu.core.ShenduException("cross-validation needs at least 2 folds, got " + folds);
            }
            Recipe r = base(name, chinese, wordVectors);
            if (folds != null) {
                r = r.withFolds(folds);
            }
            if (cGrid != null) {
                r = r.withCGrid(cGrid);
            }
            if (ngrams != null) {
                r = r.withNgrams(ngrams);
            }
            if (tokenizer != null) {
                r = r.withTokenizer(tokenizer);
            }
            return r;
        }
    }

    private static Recipe base(String name, boolean chinese, Path wordVectors) {
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
