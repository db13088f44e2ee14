package org.shendu.word2vec;

/**
 * The settings of a word2vec run, named as in gensim's {@code Word2Vec} (the C tool's flag in
 * brackets). Build one with {@link #builder()}; every setting has the default shown on its setter.
 *
 * @param architecture CBOW (predict a word from the mean of its context) or skip-gram
 * @param dimension vector size [-size]
 * @param window largest distance between a word and its context; each word uses a window drawn
 *     uniformly from 1..window [-window]
 * @param negative noise words per prediction for negative sampling, 0 for none [-negative]
 * @param hierarchicalSoftmax predict through a Huffman tree of the vocabulary [-hs]
 * @param sample subsampling threshold of frequent words, 0 for none [-sample]
 * @param minCount words rarer than this are dropped [-min-count]
 * @param maxVocabulary keep at most this many words, the most frequent (0: no cap; gensim's
 *     {@code max_final_vocab})
 * @param epochs passes over the corpus [-iter]
 * @param alpha starting learning rate, decayed linearly to {@code minAlpha} over all epochs
 * @param minAlpha learning rate at the end
 * @param cbowMean CBOW averages the context vectors (true) or sums them (false) [-cbow 1 is mean]
 * @param nsExponent the noise distribution is unigram^nsExponent
 * @param maxSentenceLength longer lines are cut into pieces of this many words
 * @param threads worker threads updating the shared weights without locks [-threads]
 * @param seed seeds the initial vectors and every thread's random generator
 */
public record Word2VecConfig(
        Architecture architecture,
        int dimension,
        int window,
        int negative,
        boolean hierarchicalSoftmax,
        double sample,
        int minCount,
        int maxVocabulary,
        int epochs,
        double alpha,
        double minAlpha,
        boolean cbowMean,
        double nsExponent,
        int maxSentenceLength,
        int threads,
        long seed) {

    /** How the context and the word predict each other. */
    public enum Architecture {
        /** Continuous bag of words: the context's mean vector predicts the word. */
        CBOW,
        /** Skip-gram: the word's vector predicts each context word. */
        SKIP_GRAM
    }

    public Word2VecConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must be given");
        }
        check(dimension >= 1, "dimension must be at least 1, got " + dimension);
        check(window >= 1, "window must be at least 1, got " + window);
        check(negative >= 0, "negative must be 0 or more, got " + negative);
        check(negative > 0 || hierarchicalSoftmax, "choose negative sampling (negative > 0) or hierarchical softmax");
        check(sample >= 0, "sample must be 0 or more, got " + sample);
        check(minCount >= 1, "min-count must be at least 1, got " + minCount);
        check(maxVocabulary >= 0, "max-vocabulary must be 0 (no cap) or more, got " + maxVocabulary);
        check(epochs >= 1, "epochs must be at least 1, got " + epochs);
        check(alpha > 0, "alpha must be positive, got " + alpha);
        check(minAlpha >= 0 && minAlpha <= alpha, "min-alpha must be in [0, alpha], got " + minAlpha);
        check(maxSentenceLength >= 1, "max sentence length must be at least 1");
        check(threads >= 1, "threads must be at least 1, got " + threads);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.architecture = architecture;
        b.dimension = dimension;
        b.window = window;
        b.negative = negative;
        b.hierarchicalSoftmax = hierarchicalSoftmax;
        b.sample = sample;
        b.minCount = minCount;
        b.maxVocabulary = maxVocabulary;
        b.epochs = epochs;
        b.alpha = alpha;
        b.minAlpha = minAlpha;
        b.cbowMean = cbowMean;
        b.nsExponent = nsExponent;
        b.maxSentenceLength = maxSentenceLength;
        b.threads = threads;
        b.seed = seed;
        return b;
    }

    /** Builds a {@link Word2VecConfig}; defaults are the C tool's CBOW defaults. */
    public static final class Builder {
        private Architecture architecture = Architecture.CBOW;
        private int dimension = 100;
        private int window = 5;
        private int negative = 5;
        private boolean hierarchicalSoftmax;
        private double sample = 1e-3;
        private int minCount = 5;
        private int maxVocabulary;
        private int epochs = 5;
        private Double alpha;
        private double minAlpha = 1e-4;
        private boolean cbowMean = true;
        private double nsExponent = 0.75;
        private int maxSentenceLength = 10_000;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed = 1;

        private Builder() {}

        /** Default {@code CBOW}. */
        public Builder architecture(Architecture a) { this.architecture = a; return this; }
        /** Default 100. */
        public Builder dimension(int d) { this.dimension = d; return this; }
        /** Default 5. */
        public Builder window(int w) { this.window = w; return this; }
        /** Default 5; 0 turns negative sampling off. */
        public Builder negative(int n) { this.negative = n; return this; }
        /** Default false. */
        public Builder hierarchicalSoftmax(boolean hs) { this.hierarchicalSoftmax = hs; return this; }
        /** Default 1e-3. */
        public Builder sample(double s) { this.sample = s; return this; }
        /** Default 5. */
        public Builder minCount(int m) { this.minCount = m; return this; }
        /** Default 0 (no cap). */
        public Builder maxVocabulary(int m) { this.maxVocabulary = m; return this; }
        /** Default 5. */
        public Builder epochs(int e) { this.epochs = e; return this; }
        /** Default 0.05 for CBOW and 0.025 for skip-gram (the C tool's defaults). */
        public Builder alpha(double a) { this.alpha = a; return this; }
        /** Default 1e-4. */
        public Builder minAlpha(double a) { this.minAlpha = a; return this; }
        /** Default true. */
        public Builder cbowMean(boolean m) { this.cbowMean = m; return this; }
        /** Default 0.75. */
        public Builder nsExponent(double e) { this.nsExponent = e; return this; }
        /** Default 10,000 (gensim's). */
        public Builder maxSentenceLength(int n) { this.maxSentenceLength = n; return this; }
        /** Default: the number of cores. */
        public Builder threads(int t) { this.threads = t; return this; }
        /** Default 1. */
        public Builder seed(long s) { this.seed = s; return this; }

        public Word2VecConfig build() {
            double a = alpha != null ? alpha : architecture == Architecture.CBOW ? 0.05 : 0.025;
            return new Word2VecConfig(architecture, dimension, window, negative, hierarchicalSoftmax, sample,
                    minCount, maxVocabulary, epochs, a, Math.min(minAlpha, a), cbowMean, nsExponent,
                    maxSentenceLength, threads, seed);
        }
    }
}
