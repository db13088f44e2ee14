package org.shendu.sentiment.features;

import java.util.List;
import java.util.function.Function;

/**
 * TF-IDF weights with scikit-learn's {@code TfidfVectorizer} semantics, on top of a
 * {@link CountVectorizer}: for a term {@code t} in document {@code d},
 * <pre>
 *   tf(t, d)  = count, or 1 + ln(count) with sublinear_tf
 *   idf(t)    = ln((1 + n) / (1 + df(t))) + 1      with smooth_idf (the default)
 *             = ln(n / df(t)) + 1                  without
 *   x(t, d)   = tf(t, d) * idf(t), then each row scaled to unit L2 (or L1) norm
 * </pre>
 * where {@code n} is the number of training documents and {@code df(t)} the number of them that
 * contain {@code t} (Salton and Buckley 1988; the "+1"s are scikit-learn's choices).
 */
public final class TfidfVectorizer implements Vectorizer {

    /** Row normalisation after weighting. */
    public enum Norm { L2, L1, NONE }

    /** The TF-IDF options, with scikit-learn's defaults in {@link #defaults()}. */
    public record Weighting(boolean useIdf, boolean smoothIdf, boolean sublinearTf, Norm norm) {
        public static Weighting defaults() {
            return new Weighting(true, true, false, Norm.L2);
        }

        public Weighting sublinearTf(boolean value) {
            return new Weighting(useIdf, smoothIdf, value, norm);
        }

        public Weighting smoothIdf(boolean value) {
            return new Weighting(useIdf, value, sublinearTf, norm);
        }

        public Weighting useIdf(boolean value) {
            return new Weighting(value, smoothIdf, sublinearTf, norm);
        }

        public Weighting norm(Norm value) {
            return new Weighting(useIdf, smoothIdf, sublinearTf, value);
        }
    }

    private final CountVectorizer counts;
    private final Weighting weighting;
    private double[] idf;

    public TfidfVectorizer(CountVectorizer counts, Weighting weighting) {
        this.counts = counts;
        this.weighting = weighting;
    }

    /** A fitted vectorizer from its parts (as saved in a model file). */
    public static TfidfVectorizer fitted(CountVectorizer counts, Weighting weighting, double[] idf) {
        if (idf.length != counts.features()) {
            throw new IllegalArgumentException("idf has " + idf.length + " entries for " + counts.features() + " terms");
        }
        TfidfVectorizer v = new TfidfVectorizer(counts, weighting);
        v.idf = idf.clone();
        return v;
    }

    public CountVectorizer counts() {
        return counts;
    }

    public Weighting weighting() {
        return weighting;
    }

    /** The fitted inverse document frequencies, one per column. */
    public double[] idf() {
        return idf.clone();
    }

    @Override
    public <T> CsrMatrix fitTransform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        CsrMatrix tf = counts.fitTransform(docs, tokenizer);
        idf = new double[tf.cols()];
        int n = tf.rows();
        int[] df = new int[tf.cols()];
        for (int k = 0; k < tf.nnz(); k++) {
            df[tf.index(k)]++;
        }
        int smooth = weighting.smoothIdf ? 1 : 0;
        for (int j = 0; j < idf.length; j++) {
            idf[j] = weighting.useIdf ? Math.log((double) (n + smooth) / (df[j] + smooth)) + 1 : 1;
        }
        return weigh(tf);
    }

    @Override
    public <T> CsrMatrix transform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        if (idf == null) {
            throw new IllegalStateException("the vectorizer is not fitted");
        }
        return weigh(counts.transform(docs, tokenizer));
    }

    private CsrMatrix weigh(CsrMatrix tf) {
        CsrMatrix x = weighting.sublinearTf ? tf.mapValues(c -> 1 + Math.log(c)) : tf;
        x = x.scaleColumns(idf);
        return switch (weighting.norm) {
            case L2 -> x.normalizeRowsL2();
            case L1 -> x.normalizeRowsL1();
            case NONE -> x;
        };
    }

    @Override
    public int features() {
        return counts.features();
    }

    @Override
    public String featureName(int column) {
        return counts.featureName(column);
    }
}
