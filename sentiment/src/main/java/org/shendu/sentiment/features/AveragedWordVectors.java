package org.shendu.sentiment.features;

import java.util.List;
import java.util.function.Function;
import org.shendu.core.Parallel;
import org.shendu.word2vec.WordVectors;

/**
 * A document as the mean of its tokens' word vectors (tokens without a vector are skipped; a
 * document with none is the zero vector), then standardised per dimension with the training
 * documents' mean and standard deviation, as scikit-learn's {@code StandardScaler} (a dimension
 * of zero spread is only centred). The features are dense; they are stored as a {@link CsrMatrix}
 * so that every classifier takes them.
 */
public final class AveragedWordVectors implements Vectorizer {
    private final WordVectors vectors;
    private final int threads;
    private double[] mean;
    private double[] scale;

    public AveragedWordVectors(WordVectors vectors, int threads) {
        this.vectors = vectors;
        this.threads = Math.max(1, threads);
    }

    /** Reads a word2vec text or binary file (told apart by content) or a saved word2vec model. */
    public static WordVectors read(java.nio.file.Path file) {
        try {
            return WordVectors.load(file, 0, org.shendu.word2vec.Word2VecFormat.UnicodeErrors.STRICT);
        } catch (java.io.IOException e) {
            throw org.shendu.core.ShenduException.in(file, "cannot read the word vectors: " + e.getMessage());
        }
    }

    /** A fitted vectorizer from saved scaler statistics. */
    public static AveragedWordVectors fitted(WordVectors vectors, double[] mean, double[] scale, int threads) {
        if (mean.length != vectors.dimension() || scale.length != vectors.dimension()) {
            throw new IllegalArgumentException("scaler statistics do not match the vectors' dimension");
        }
        AveragedWordVectors v = new AveragedWordVectors(vectors, threads);
        v.mean = mean.clone();
        v.scale = scale.clone();
        return v;
    }

    public WordVectors vectors() {
        return vectors;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    @Override
    public <T> CsrMatrix fitTransform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        double[][] rows = average(docs, tokenizer);
        int dim = vectors.dimension();
        mean = new double[dim];
        scale = new double[dim];
        for (double[] row : rows) {
            for (int d = 0; d < dim; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= Math.max(1, rows.length);
        }
        for (double[] row : rows) {
            for (int d = 0; d < dim; d++) {
                double c = row[d] - mean[d];
                scale[d] += c * c;
            }
        }
        for (int d = 0; d < dim; d++) {
            double sd = Math.sqrt(scale[d] / Math.max(1, rows.length));
            scale[d] = sd > 0 ? sd : 1;
        }
        return standardise(rows);
    }

    @Override
    public <T> CsrMatrix transform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        if (mean == null) {
            throw new IllegalStateException("the vectorizer is not fitted");
        }
        return standardise(average(docs, tokenizer));
    }

    private <T> double[][] average(List<T> docs, Function<? super T, List<String>> tokenizer) {
        double[][] rows = new double[docs.size()][];
        Parallel.run(threads, docs.size(), i -> {
            double[] sum = new double[vectors.dimension()];
            int found = 0;
            for (String token : tokenizer.apply(docs.get(i))) {
                int w = vectors.index(token);
                if (w >= 0) {
                    vectors.addTo(w, sum);
                    found++;
                }
            }
            if (found > 0) {
                for (int d = 0; d < sum.length; d++) {
                    // float32 means, as numpy's mean of a float32 array gives
                    sum[d] = (float) (sum[d] / found);
                }
            }
            rows[i] = sum;
        });
        return rows;
    }

    private CsrMatrix standardise(double[][] rows) {
        for (double[] row : rows) {
            for (int d = 0; d < row.length; d++) {
                row[d] = (row[d] - mean[d]) / scale[d];
            }
        }
        return CsrMatrix.ofDense(rows, vectors.dimension());
    }

    @Override
    public int features() {
        return vectors.dimension();
    }

    @Override
    public String featureName(int column) {
        return "dim" + column;
    }
}
