package org.shendu.sentiment.classify;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shendu.core.Parallel;
import org.shendu.sentiment.features.CsrMatrix;

/**
 * A random forest of CART trees (L. Breiman, "Random Forests", Machine Learning 2001) with
 * scikit-learn's {@code RandomForestClassifier} defaults: each tree is grown on a bootstrap
 * sample (as integer sample weights) until its leaves are pure, splitting on the Gini impurity
 * and trying {@code sqrt(features)} random features per node (more while all tried so far are
 * constant in the node, and skipping features already known to be constant, as scikit-learn's
 * best splitter does). A split threshold is the midpoint of two adjacent values present in the
 * node. The probability is the mean over trees of the leaves' positive fractions.
 *
 * <p>Training works on a column-major copy of the features coded as small integers (the rank of
 * each value among the column's distinct values), so it suits the Kaggle tutorial's 5,000
 * bag-of-words counts, not a million sparse columns.
 */
public final class RandomForest implements BinaryClassifier {
    private final Tree[] trees;
    private final int features;

    /** Options, as scikit-learn's names: {@code n_estimators}, {@code max_features} (0: square root). */
    public record Settings(int trees, int maxFeatures, long seed, int threads) {
        public static Settings defaults() {
            return new Settings(100, 0, 1, 1);
        }

        public Settings threads(int value) {
            return new Settings(trees, maxFeatures, seed, value);
        }

        public Settings seed(long value) {
            return new Settings(trees, maxFeatures, value, threads);
        }

        public Settings trees(int value) {
            return new Settings(value, maxFeatures, seed, threads);
        }
    }

    /**
     * One fitted tree in flat arrays: node {@code k} is a leaf when {@code feature[k] < 0}, else
     * its rows with {@code x[feature] <= threshold} go to {@code left[k]}, the others to {@code right[k]}.
     */
    public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] positiveFraction) {
        /** Checks the shape: children come after their parent (depth-first order), so prediction ends. */
        public Tree {
            int n = feature.length;
            if (n == 0 || threshold.length != n || left.length != n || right.length != n || positiveFraction.length != n) {
                throw new IllegalArgumentException("tree arrays of different lengths");
            }
            for (int k = 0; k < n; k++) {
                if (feature[k] >= 0 && (left[k] <= k || right[k] <= k || left[k] >= n || right[k] >= n)) {
                    throw new IllegalArgumentException("tree node " + k + " has bad children");
                }
            }
        }

        double predict(float[] row) {
            int k = 0;
            while (feature[k] >= 0) {
                k = row[feature[k]] <= threshold[k] ? left[k] : right[k];
            }
            return positiveFraction[k];
        }

        public int nodes() {
            return feature.length;
        }
    }

    public RandomForest(Tree[] trees, int features) {
        for (Tree t : trees) {
            for (int f : t.feature()) {
                if (f >= features) {
                    throw new IllegalArgumentException("tree splits on feature " + f + " of " + features);
                }
            }
        }
        this.trees = trees;
        this.features = features;
    }

    public Tree[] trees() {
        return trees.clone();
    }

    public int features() {
        return features;
    }

    /** Grows the forest on rows {@code x} with labels 0/1. */
    public static RandomForest fit(CsrMatrix x, int[] labels, Settings settings) {
        CodedColumns columns = CodedColumns.of(x);
        int mtry = settings.maxFeatures() > 0 ? Math.min(settings.maxFeatures(), x.cols())
                : Math.max(1, (int) Math.sqrt(x.cols()));
        Tree[] trees = new Tree[settings.trees()];
        Parallel.run(settings.threads(), trees.length, t -> {
            SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + t);
            trees[t] = new TreeBuilder(columns, labels, mtry, random).build();
        });
        return new RandomForest(trees, x.cols());
    }

    /**
     * The mean positive fraction over the trees. Rows are independent, so blocks of rows run on
     * all cores and the result does not depend on how many there are.
     */
    @Override
    public double[] predictProbability(CsrMatrix x) {
        double[] p = new double[x.rows()];
        int block = 256;
        Parallel.run(Runtime.getRuntime().availableProcessors(), (x.rows() + block - 1) / block, b -> {
            float[] row = new float[Math.max(features, x.cols())];
            for (int i = b * block; i < Math.min(x.rows(), (b + 1) * block); i++) {
                x.scatterRow(i, row);
                double sum = 0;
                for (Tree tree : trees) {
                    sum += tree.predict(row);
                }
                p[i] = sum / trees.length;
                x.clearRow(i, row);
            }
        });
        return p;
    }

    /**
     * The features coded as small integers (each value's rank among its column's distinct
     * values), stored twice: by column ({@code nzRows}/{@code nzCodes} from {@code nzStart[j]}), so
     * that a large node counts a sparse column by visiting its few nonzero rows; and by row
     * ({@code rowCols}/{@code rowCodes} from {@code rowStart[i]}), so that a small node finds a
     * row's value by a binary search in memory its rows already brought into cache. Unstored
     * entries have the column's {@code zeroCode}.
     */
    private record CodedColumns(float[][] values, int maxDistinct, char[] zeroCode, int[] nzStart, int[] nzRows,
                                char[] nzCodes, int[] rowStart, int[] rowCols, char[] rowCodes) {
        static CodedColumns of(CsrMatrix x) {
            CsrMatrix t = x.transpose();
            char[] zeroCode = new char[x.cols()];
            int[] nzStart = new int[x.cols() + 1];
            int[] nzRows = new int[t.nnz()];
            char[] nzCodes = new char[t.nnz()];
            float[][] values = new float[x.cols()][];
            int maxDistinct = 1;
            for (int j = 0; j < x.cols(); j++) {
                int start = t.rowStart(j);
                int end = t.rowEnd(j);
                float[] distinct = new float[end - start + 1];
                int n = 0;
                for (int k = start; k < end; k++) {
                    distinct[n++] = t.value(k);
                }
                if (end - start < x.rows()) {
                    distinct[n++] = 0f;
                }
                Arrays.sort(distinct, 0, n);
                int m = 0;
                for (int k = 0; k < n; k++) {
                    if (m == 0 || distinct[m - 1] != distinct[k]) {
                        distinct[m++] = distinct[k];
                    }
                }
                if (m > Character.MAX_VALUE) {
                    throw new IllegalArgumentException("column " + j + " has more than 65,535 distinct values");
                }
                values[j] = Arrays.copyOf(distinct, m);
                zeroCode[j] = (char) Math.max(0, Arrays.binarySearch(values[j], 0f));
                nzStart[j + 1] = end;
                for (int k = start; k < end; k++) {
                    nzRows[k] = t.index(k);
                    nzCodes[k] = (char) Arrays.binarySearch(values[j], t.value(k));
                }
                maxDistinct = Math.max(maxDistinct, m);
            }
            int[] rowStart = new int[x.rows() + 1];
            int[] rowCols = new int[x.nnz()];
            char[] rowCodes = new char[x.nnz()];
            for (int i = 0; i < x.rows(); i++) {
                rowStart[i + 1] = x.rowEnd(i);
                for (int k = x.rowStart(i); k < x.rowEnd(i); k++) {
                    rowCols[k] = x.index(k);
                    rowCodes[k] = (char) Arrays.binarySearch(values[x.index(k)], x.value(k));
                }
            }
            return new CodedColumns(values, maxDistinct, zeroCode, nzStart, nzRows, nzCodes, rowStart, rowCols,
                    rowCodes);
        }

        /** The code of row {@code i} in column {@code j}. */
        int code(int i, int j) {
            int k = Arrays.binarySearch(rowCols, rowStart[i], rowStart[i + 1], j);
            return k >= 0 ? rowCodes[k] : zeroCode[j];
        }
    }

    /** Grows one tree depth-first; one builder per tree and thread. */
    private static final class TreeBuilder {
        private final CodedColumns columns;
        private final int[] labels;
        private final int mtry;
        private final SplittableRandom random;
        private final int[] samples;
        /** Position of each row in {@code samples}, -1 when out of the bag. */
        private final int[] where;
        private final int[] weight;
        private final int[] features;
        private final double[] hist0;
        private final double[] hist1;
        private final int[] touched;
        private final boolean[] seen;
        private int[] nodeFeature = new int[1024];
        private double[] nodeThreshold = new double[1024];
        private int[] nodeLeft = new int[1024];
        private int[] nodeRight = new int[1024];
        private double[] nodeValue = new double[1024];
        private int nodes;

        TreeBuilder(CodedColumns columns, int[] labels, int mtry, SplittableRandom random) {
            this.columns = columns;
            this.labels = labels;
            this.mtry = mtry;
            this.random = random;
            int n = labels.length;
            weight = new int[n];
            for (int i = 0; i < n; i++) {
                weight[random.nextInt(n)]++;
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                m += weight[i] > 0 ? 1 : 0;
            }
            samples = new int[m];
            m = 0;
            where = new int[n];
            for (int i = 0; i < n; i++) {
                where[i] = -1;
                if (weight[i] > 0) {
                    where[i] = m;
                    samples[m++] = i;
                }
            }
            features = new int[columns.zeroCode.length];
            for (int j = 0; j < features.length; j++) {
                features[j] = j;
            }
            hist0 = new double[columns.maxDistinct];
            hist1 = new double[columns.maxDistinct];
            touched = new int[columns.maxDistinct];
            seen = new boolean[columns.maxDistinct];
        }

        Tree build() {
            grow(0, samples.length, 0);
            return new Tree(Arrays.copyOf(nodeFeature, nodes), Arrays.copyOf(nodeThreshold, nodes),
                    Arrays.copyOf(nodeLeft, nodes), Arrays.copyOf(nodeRight, nodes), Arrays.copyOf(nodeValue, nodes));
        }

        /** Grows the subtree of samples[from, to); the first {@code knownConstants} features are constant there. */
        private int grow(int from, int to, int knownConstants) {
            int node = newNode();
            double w0 = 0;
            double w1 = 0;
            for (int s = from; s < to; s++) {
                int i = samples[s];
                if (labels[i] == 1) {
                    w1 += weight[i];
                } else {
                    w0 += weight[i];
                }
            }
            nodeValue[node] = w1 / (w0 + w1);
            nodeFeature[node] = -1;
            if (to - from < 2 || w0 == 0 || w1 == 0) {
                return node;
            }
            Split best = findSplit(from, to, w0, w1, knownConstants);
            if (best == null) {
                return node;
            }
            int mid = from;
            for (int s = from; s < to; s++) {
                if (columns.code(samples[s], best.feature) <= best.code) {
                    int tmp = samples[mid];
                    samples[mid] = samples[s];
                    samples[s] = tmp;
                    where[samples[mid]] = mid;
                    where[tmp] = s;
                    mid++;
                }
            }
            nodeFeature[node] = best.feature;
            float[] values = columns.values[best.feature];
            nodeThreshold[node] = ((double) values[best.code] + values[best.nextCode]) / 2;
            int left = grow(from, mid, best.constants);
            nodeLeft[node] = left;
            int right = grow(mid, to, best.constants);
            nodeRight[node] = right;
            return node;
        }

        private record Split(int feature, int code, int nextCode, int constants) {}

        /** scikit-learn's BestSplitter feature sampling with known constants moved to the front. */
        private Split findSplit(int from, int to, double w0, double w1, int knownConstants) {
            int fi = features.length;
            int drawnConstants = 0;
            int foundConstants = 0;
            int totalConstants = knownConstants;
            int visited = 0;
            double bestProxy = Double.NEGATIVE_INFINITY;
            int bestFeature = -1;
            int bestCode = -1;
            int bestNext = -1;
            double total = w0 + w1;
            while (fi > totalConstants && (visited < mtry || visited <= foundConstants + drawnConstants)) {
                visited++;
                int fj = drawnConstants + random.nextInt(fi - foundConstants - drawnConstants);
                if (fj < knownConstants) {
                    swap(drawnConstants, fj);
                    drawnConstants++;
                    continue;
                }
                fj += foundConstants;
                int f = features[fj];
                int distinct = 0;
                int nzFrom = columns.nzStart[f];
                int nzTo = columns.nzStart[f + 1];
                int size = to - from;
                // Column or rows: measured on IMDB (5,000 words), 32 beat 2, 8 and 128.
                if (nzTo - nzFrom < 32 * (to - from)) {
                    // Sparse column: visit its nonzero rows that lie in this node; zeros are the rest.
                    double nz0 = 0;
                    double nz1 = 0;
                    for (int k = nzFrom; k < nzTo; k++) {
                        int i = columns.nzRows[k];
                        // One unsigned comparison tests from <= where[i] < to (and rejects -1, out of the bag).
                        if (Integer.compareUnsigned(where[i] - from, size) >= 0) {
                            continue;
                        }
                        int c = columns.nzCodes[k];
                        if (!seen[c]) {
                            seen[c] = true;
                            touched[distinct++] = c;
                            hist0[c] = 0;
                            hist1[c] = 0;
                        }
                        if (labels[i] == 1) {
                            hist1[c] += weight[i];
                            nz1 += weight[i];
                        } else {
                            hist0[c] += weight[i];
                            nz0 += weight[i];
                        }
                    }
                    if (nz0 + nz1 < total) {
                        int z = columns.zeroCode[f];
                        if (!seen[z]) {
                            seen[z] = true;
                            touched[distinct++] = z;
                            hist0[z] = 0;
                            hist1[z] = 0;
                        }
                        hist0[z] += w0 - nz0;
                        hist1[z] += w1 - nz1;
                    }
                } else {
                    for (int s = from; s < to; s++) {
                        int i = samples[s];
                        int c = columns.code(i, f);
                        if (!seen[c]) {
                            seen[c] = true;
                            touched[distinct++] = c;
                            hist0[c] = 0;
                            hist1[c] = 0;
                        }
                        if (labels[i] == 1) {
                            hist1[c] += weight[i];
                        } else {
                            hist0[c] += weight[i];
                        }
                    }
                }
                for (int k = 0; k < distinct; k++) {
                    seen[touched[k]] = false;
                }
                if (distinct == 1) {
                    swap(fj, totalConstants);
                    foundConstants++;
                    totalConstants++;
                    continue;
                }
                fi--;
                swap(fi, fj);
                Arrays.sort(touched, 0, distinct);
                double l0 = 0;
                double l1 = 0;
                for (int k = 0; k + 1 < distinct; k++) {
                    l0 += hist0[touched[k]];
                    l1 += hist1[touched[k]];
                    double r0 = w0 - l0;
                    double r1 = w1 - l1;
                    double wl = l0 + l1;
                    double wr = total - wl;
                    // Gini decrease up to constants: Σ_children (Σ_c n_c²) / n_child.
                    double proxy = (l0 * l0 + l1 * l1) / wl + (r0 * r0 + r1 * r1) / wr;
                    if (proxy > bestProxy) {
                        bestProxy = proxy;
                        bestFeature = f;
                        bestCode = touched[k];
                        bestNext = touched[k + 1];
                    }
                }
            }
            if (bestFeature < 0) {
                return null;
            }
            return new Split(bestFeature, bestCode, bestNext, totalConstants);
        }

        private void swap(int a, int b) {
            int t = features[a];
            features[a] = features[b];
            features[b] = t;
        }

        private int newNode() {
            if (nodes == nodeFeature.length) {
                int size = nodes * 2;
                nodeFeature = Arrays.copyOf(nodeFeature, size);
                nodeThreshold = Arrays.copyOf(nodeThreshold, size);
                nodeLeft = Arrays.copyOf(nodeLeft, size);
                nodeRight = Arrays.copyOf(nodeRight, size);
                nodeValue = Arrays.copyOf(nodeValue, size);
            }
            return nodes++;
        }
    }
}
