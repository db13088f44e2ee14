package org.shendu.gan.fid;

/**
 * What the reference classifier says about a set of images ({@code anchors/quality/QUALITY.md} §3):
 * the histogram of predicted classes (argmax of the logits), its entropy {@code H = -sum q log q}
 * in nats (at most {@code ln 10 = 2.3026} for 10 classes: all classes equally often), the mean
 * max-softmax (how sure the classifier is), and the classifier score
 * {@code exp(mean_x KL(p(y|x) || p(y)))} with {@code p(y) = mean_x p(y|x)}, the "Inception score"
 * of Salimans et al. 2016 with this classifier in place of Inception.
 */
public record ClassStatistics(long[] histogram, double entropy, double meanMaxSoftmax, double classifierScore) {

    /** Accumulates logits batch by batch (softmax in float64). */
    public static final class Accumulator {
        private final int classes;
        private final long[] histogram;
        private final double[] sumP;
        private double sumMax;
        private long count;
        private final java.util.List<double[]> probabilities = new java.util.ArrayList<>();

        public Accumulator(int classes) {
            this.classes = classes;
            this.histogram = new long[classes];
            this.sumP = new double[classes];
        }

        /** Adds {@code n} rows of logits ({@code n * classes} floats). */
        public void add(float[] logits, int n) {
            for (int r = 0; r < n; r++) {
                int base = r * classes, best = 0;
                double max = logits[base];
                for (int k = 1; k < classes; k++) {
                    if (logits[base + k] > max) {
                        max = logits[base + k];
                        best = k;
                    }
                }
                histogram[best]++;
                double z = 0;
                double[] p = new double[classes];
                for (int k = 0; k < classes; k++) {
                    p[k] = Math.exp(logits[base + k] - max);
                    z += p[k];
                }
                double pMax = 0;
                for (int k = 0; k < classes; k++) {
                    p[k] /= z;
                    sumP[k] += p[k];
                    pMax = Math.max(pMax, p[k]);
                }
                sumMax += pMax;
                probabilities.add(p);
                count++;
            }
        }

        public ClassStatistics result() {
            if (count == 0) {
                throw new IllegalStateException("no images were classified");
            }
            double entropy = 0;
            for (long h : histogram) {
                if (h > 0) {
                    double q = (double) h / count;
                    entropy -= q * Math.log(q);
                }
            }
            double[] logPy = new double[classes];
            for (int k = 0; k < classes; k++) {
                logPy[k] = Math.log(sumP[k] / count);
            }
            double klSum = 0;
            for (double[] p : probabilities) {
                double kl = 0;
                for (int k = 0; k < classes; k++) {
                    kl += p[k] * (Math.log(Math.max(p[k], 1e-300)) - logPy[k]);
                }
                klSum += kl;
            }
            return new ClassStatistics(histogram.clone(), entropy + 0.0, sumMax / count, Math.exp(klSum / count));
        }
    }

    /** The index of the largest of {@code n} values from {@code from} (the first on ties, as PyTorch's argmax). */
    public static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (v[from + k] > v[from + best]) {
                best = k;
            }
        }
        return best;
    }

    public long total() {
        long t = 0;
        for (long h : histogram) {
            t += h;
        }
        return t;
    }
}
