package org.shendu.word2vec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Word vectors and the queries gensim's {@code KeyedVectors} answers: {@link #mostSimilar}
 * (positive and negative words, 3CosAdd), {@link #mostSimilarCosMul} (3CosMul), {@link #doesntMatch},
 * {@link #similarity} and {@link #similarByVector}. A query is one matrix-vector product over the
 * unit-length vectors (split over threads for large vocabularies) and a top-n selection. Words
 * are kept in file order, which for word2vec files is most frequent first.
 */
public final class WordVectors {
    /** Above this many matrix cells a query's product is split over the common fork-join pool. */
    private static final long PARALLEL_CELLS = 4_000_000;

    private final List<String> words;
    private final float[] vectors;
    private final int dim;
    private final long[] counts;
    private final Map<String, Integer> index;
    private float[] unit;

    /**
     * Vectors for {@code words}, row {@code i} at {@code vectors[i*dim, (i+1)*dim)}; {@code counts}
     * may be null. The first occurrence of a repeated word wins lookups.
     */
    public WordVectors(List<String> words, float[] vectors, int dim, long[] counts) {
        if (dim < 1 || (long) words.size() * dim != vectors.length) {
            throw new IllegalArgumentException(words.size() + " words x " + dim + " != " + vectors.length + " values");
        }
        this.words = List.copyOf(words);
        this.vectors = vectors;
        this.dim = dim;
        this.counts = counts;
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            index.putIfAbsent(words.get(i), i);
        }
    }

    /** Reads a word2vec text or binary file (see {@link Word2VecFormat#read}). */
    public static WordVectors load(Path file, boolean binary) throws IOException {
        return Word2VecFormat.read(file, binary, 0, Word2VecFormat.UnicodeErrors.STRICT);
    }

    /**
     * Reads the word vectors of a saved {@link Word2VecModel} or of a word2vec text or binary file,
     * telling which from the content; {@code limit > 0} keeps the first words only.
     */
    public static WordVectors load(Path file, int limit, Word2VecFormat.UnicodeErrors unicodeErrors)
            throws IOException {
        if (Word2VecModel.isModel(file)) {
            WordVectors all = Word2VecModel.load(file).wordVectors();
            return limit > 0 && limit < all.size() ? all.first(limit) : all;
        }
        return Word2VecFormat.read(file, !Word2VecFormat.isText(file), limit, unicodeErrors);
    }

    /** The first {@code n} words and their vectors. */
    public WordVectors first(int n) {
        int k = Math.min(n, size());
        return new WordVectors(words.subList(0, k), Arrays.copyOf(vectors, k * dim), dim,
                counts == null ? null : Arrays.copyOf(counts, k));
    }

    /** Writes the word2vec text or binary format (see {@link Word2VecFormat#write}). */
    public void save(Path file, boolean binary) throws IOException {
        Word2VecFormat.write(this, file, binary);
    }

    public int size() {
        return words.size();
    }

    public int dimension() {
        return dim;
    }

    public List<String> words() {
        return words;
    }

    public String word(int i) {
        return words.get(i);
    }

    /** The row of a word, or -1. */
    public int index(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** Counts from training, or null when the vectors came from a file. */
    long[] counts() {
        return counts;
    }

    float[] raw() {
        return vectors;
    }

    /** A copy of all vectors, row after row ({@code size() × dimension()} values). */
    public float[] values() {
        return vectors.clone();
    }

    /** Adds row {@code i} to {@code sum} (for averaging a document's word vectors without copies). */
    public void addTo(int i, double[] sum) {
        int base = i * dim;
        for (int d = 0; d < dim; d++) {
            sum[d] += vectors[base + d];
        }
    }

    /** A copy of the word's vector. */
    public float[] vector(String word) {
        int i = require(word);
        return Arrays.copyOfRange(vectors, i * dim, (i + 1) * dim);
    }

    /** A copy of the word's vector scaled to unit length. */
    public float[] unitVector(String word) {
        int i = require(word);
        return Arrays.copyOfRange(unit(), i * dim, (i + 1) * dim);
    }

    private int require(String word) {
        Integer i = index.get(word);
        if (i == null) {
            throw new IllegalArgumentException("word '" + word + "' not in vocabulary");
        }
        return i;
    }

    /** Unit-length rows, computed once (gensim's {@code fill_norms}). */
    synchronized float[] unit() {
        if (unit == null) {
            float[] u = new float[vectors.length];
            for (int r = 0, n = size(); r < n; r++) {
                int o = r * dim;
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += (double) vectors[o + d] * vectors[o + d];
                }
                float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
                for (int d = 0; d < dim; d++) {
                    u[o + d] = vectors[o + d] * inv;
                }
            }
            unit = u;
        }
        return unit;
    }

    /** Cosine similarity of two words. */
    public double similarity(String a, String b) {
        float[] u = unit();
        return Kernels.dot(u, require(a) * dim, u, require(b) * dim, dim);
    }

    /** The {@code topN} words most similar to {@code word}, without the word itself. */
    public List<ScoredWord> mostSimilar(String word, int topN) {
        return mostSimilar(List.of(word), List.of(), topN);
    }

    /**
     * gensim's {@code most_similar} (3CosAdd for analogies): the mean of the positive words' unit
     * vectors minus the negative ones', made unit, compared by cosine with every word but the
     * query words.
     */
    public List<ScoredWord> mostSimilar(List<String> positive, List<String> negative, int topN) {
        return mostSimilar(positive, negative, topN, 0);
    }

    /** As {@link #mostSimilar(List, List, int)}, searching only the first {@code restrictVocab} words (0: all). */
    public List<ScoredWord> mostSimilar(List<String> positive, List<String> negative, int topN, int restrictVocab) {
        int[] pos = rows(positive);
        int[] neg = rows(negative);
        if (pos.length + neg.length == 0) {
            throw new IllegalArgumentException("give at least one word");
        }
        return mostSimilarRows(pos, neg, topN, restrictVocab);
    }

    List<ScoredWord> mostSimilarRows(int[] pos, int[] neg, int topN, int restrictVocab) {
        float[] u = unit();
        float[] mean = new float[dim];
        for (int r : pos) {
            for (int d = 0; d < dim; d++) {
                mean[d] += u[r * dim + d];
            }
        }
        for (int r : neg) {
            for (int d = 0; d < dim; d++) {
                mean[d] -= u[r * dim + d];
            }
        }
        normalise(mean);
        float[] scores = scores(mean, restrictVocab);
        Set<Integer> exclude = new HashSet<>();
        for (int r : pos) {
            exclude.add(r);
        }
        for (int r : neg) {
            exclude.add(r);
        }
        return top(scores, topN, exclude);
    }

    /**
     * 3CosMul (Levy and Goldberg 2014, "Linguistic Regularities in Sparse and Explicit Word
     * Representations"), gensim's {@code most_similar_cosmul}: rank words x by
     * prod_p ((1 + cos(x, p)) / 2) / (prod_n ((1 + cos(x, n)) / 2) + 1e-6).
     */
    public List<ScoredWord> mostSimilarCosMul(List<String> positive, List<String> negative, int topN) {
        return mostSimilarCosMul(positive, negative, topN, 0);
    }

    /** As {@link #mostSimilarCosMul(List, List, int)}, searching only the first {@code restrictVocab} words (0: all). */
    public List<ScoredWord> mostSimilarCosMul(List<String> positive, List<String> negative, int topN,
                                             int restrictVocab) {
        int[] pos = rows(positive);
        int[] neg = rows(negative);
        if (pos.length == 0) {
            throw new IllegalArgumentException("3CosMul needs at least one positive word");
        }
        float[] u = unit();
        int n = limit(restrictVocab);
        double[] num = new double[n];
        Arrays.fill(num, 1);
        double[] den = new double[n];
        Arrays.fill(den, 1);
        for (int r : pos) {
            float[] s = scores(Arrays.copyOfRange(u, r * dim, (r + 1) * dim), restrictVocab);
            for (int i = 0; i < n; i++) {
                num[i] *= (1 + s[i]) / 2;
            }
        }
        for (int r : neg) {
            float[] s = scores(Arrays.copyOfRange(u, r * dim, (r + 1) * dim), restrictVocab);
            for (int i = 0; i < n; i++) {
                den[i] *= (1 + s[i]) / 2;
            }
        }
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = (float) (num[i] / ((neg.length == 0 ? 0 : den[i]) + 1e-6));
        }
        Set<Integer> exclude = new HashSet<>();
        for (int r : pos) {
            exclude.add(r);
        }
        for (int r : neg) {
            exclude.add(r);
        }
        return top(scores, topN, exclude);
    }

    /** The words nearest (by cosine) to a vector of this dimension. */
    public List<ScoredWord> similarByVector(float[] vector, int topN) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", these vectors " + dim);
        }
        float[] q = vector.clone();
        normalise(q);
        return top(scores(q, 0), topN, Set.of());
    }

    /**
     * gensim's {@code doesnt_match}: the word farthest (by cosine) from the mean of the given words'
     * unit vectors. Words not in the vocabulary are ignored.
     */
    public String doesntMatch(List<String> words) {
        List<Integer> rows = new ArrayList<>();
        for (String w : words) {
            Integer i = index.get(w);
            if (i != null) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("none of the words is in the vocabulary");
        }
        float[] u = unit();
        float[] mean = new float[dim];
        for (int r : rows) {
            for (int d = 0; d < dim; d++) {
                mean[d] += u[r * dim + d];
            }
        }
        normalise(mean);
        int worst = rows.get(0);
        float worstScore = Float.POSITIVE_INFINITY;
        for (int r : rows) {
            float s = Kernels.dot(u, r * dim, mean, 0, dim);
            if (s < worstScore) {
                worstScore = s;
                worst = r;
            }
        }
        return this.words.get(worst);
    }

    private int[] rows(List<String> query) {
        int[] r = new int[query.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = require(query.get(i));
        }
        return r;
    }

    private int limit(int restrictVocab) {
        return restrictVocab > 0 ? Math.min(restrictVocab, size()) : size();
    }

    /** Cosine of a unit query with the first {@code restrictVocab} unit rows (all when 0). */
    float[] scores(float[] query, int restrictVocab) {
        float[] u = unit();
        int n = limit(restrictVocab);
        float[] out = new float[n];
        if ((long) n * dim < PARALLEL_CELLS) {
            for (int r = 0; r < n; r++) {
                out[r] = Kernels.dot(u, r * dim, query, 0, dim);
            }
        } else {
            int blocks = 64;
            IntStream.range(0, blocks).parallel().forEach(b -> {
                int from = (int) ((long) n * b / blocks);
                int to = (int) ((long) n * (b + 1) / blocks);
                for (int r = from; r < to; r++) {
                    out[r] = Kernels.dot(u, r * dim, query, 0, dim);
                }
            });
        }
        return out;
    }

    private static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
    }

    /** The {@code topN} highest scores outside {@code exclude}, best first (ties: lower row first). */
    private List<ScoredWord> top(float[] scores, int topN, Set<Integer> exclude) {
        int k = Math.max(0, Math.min(topN, scores.length));
        // A small min-heap of row indices kept in an array: k is small (10, 40).
        int[] heap = new int[k];
        int size = 0;
        for (int r = 0; r < scores.length && k > 0; r++) {
            if (exclude.contains(r)) {
                continue;
            }
            float s = scores[r];
            if (size < k) {
                heap[size] = r;
                siftUp(heap, size++, scores);
            } else if (worse(heap[0], r, scores)) {
                heap[0] = r;
                siftDown(heap, size, scores);
            }
        }
        Integer[] best = new Integer[size];
        for (int i = 0; i < size; i++) {
            best[i] = heap[i];
        }
        Arrays.sort(best, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        List<ScoredWord> out = new ArrayList<>(size);
        for (int r : best) {
            out.add(new ScoredWord(words.get(r), scores[r]));
        }
        return out;
    }

    /** True when row a ranks below row b. */
    private static boolean worse(int a, int b, float[] s) {
        return s[a] < s[b] || (s[a] == s[b] && a > b);
    }

    private static void siftUp(int[] h, int i, float[] s) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!worse(h[i], h[p], s)) {
                break;
            }
            int t = h[i];
            h[i] = h[p];
            h[p] = t;
            i = p;
        }
    }

    private static void siftDown(int[] h, int n, float[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < n && worse(h[l], h[m], s)) {
                m = l;
            }
            if (r < n && worse(h[r], h[m], s)) {
                m = r;
            }
            if (m == i) {
                return;
            }
            int t = h[i];
            h[i] = h[m];
            h[m] = t;
            i = m;
        }
    }
}
