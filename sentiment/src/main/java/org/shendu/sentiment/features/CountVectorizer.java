package org.shendu.sentiment.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.shendu.core.Parallel;

/**
 * Bag of words (or of word n-grams) with scikit-learn's {@code CountVectorizer} semantics: stop
 * words are removed before n-grams are formed, an n-gram is its tokens joined by one space,
 * {@code min_df}/{@code max_df} bound the document frequency, {@code max_features} keeps the terms
 * of highest total count, and {@code binary} records presence instead of counts. The output is a
 * {@link CsrMatrix} with one row per document.
 *
 * <p>Columns are numbered by descending document frequency (ties in a fixed order), not
 * alphabetically as in scikit-learn: the models do not depend on the column order, and frequent
 * terms close together make the solvers' gathers cache-friendly.
 *
 * <p>Internally an n-gram is a {@code long} packing its token ids (up to 3 tokens of 21 bits), so
 * counting millions of bigrams creates no strings; tokenising, counting and document frequencies
 * all run on several threads and give the same result whatever their number.
 */
public final class CountVectorizer implements Vectorizer {
    /** Largest n-gram length: three token ids of 21 bits each fill a {@code long}. */
    public static final int MAX_NGRAM = 3;
    /** Fixed work split, so that the numbering of tokens and terms does not depend on the thread count. */
    private static final int CHUNKS = 32;
    private static final int SHARD_BITS = 3;

    private final Settings settings;
    private final int threads;

    // Fitted state: every training token (its id is its index), and the kept terms' keys by column.
    private String[] tokens;
    private Map<String, Integer> tokenIds;
    private long[] featureKeys;
    private LongIndex columnOfKey;

    /** The options, with scikit-learn's names and defaults. */
    public record Settings(int ngramMin, int ngramMax, double minDf, double maxDf, int maxFeatures,
                           boolean binary, Set<String> stopWords) {
        public Settings {
            if (ngramMin < 1 || ngramMax < ngramMin || ngramMax > MAX_NGRAM) {
                throw new IllegalArgumentException("ngram range must satisfy 1 <= min <= max <= " + MAX_NGRAM
                        + ", got (" + ngramMin + ", " + ngramMax + ")");
            }
            if (minDf < 0 || maxDf < 0) {
                throw new IllegalArgumentException("min_df and max_df must not be negative");
            }
            stopWords = stopWords == null ? Set.of() : Set.copyOf(stopWords);
        }

        /** Unigram counts, every term kept. */
        public static Settings defaults() {
            return new Settings(1, 1, 1, 1.0, 0, false, Set.of());
        }

        public Settings ngramRange(int min, int max) {
            return new Settings(min, max, minDf, maxDf, maxFeatures, binary, stopWords);
        }

        /**
         * Minimum document frequency: a count when {@code >= 1} and integral (scikit-learn's int),
         * a fraction of the documents otherwise (scikit-learn's float).
         */
        public Settings minDf(double value) {
            return new Settings(ngramMin, ngramMax, value, maxDf, maxFeatures, binary, stopWords);
        }

        /** Maximum document frequency: a fraction when {@code <= 1.0}, else a count. */
        public Settings maxDf(double value) {
            return new Settings(ngramMin, ngramMax, minDf, value, maxFeatures, binary, stopWords);
        }

        /** Keep only this many terms, those of highest total count; 0 keeps all. */
        public Settings maxFeatures(int value) {
            return new Settings(ngramMin, ngramMax, minDf, maxDf, value, binary, stopWords);
        }

        public Settings binary(boolean value) {
            return new Settings(ngramMin, ngramMax, minDf, maxDf, maxFeatures, value, stopWords);
        }

        public Settings stopWords(Set<String> value) {
            return new Settings(ngramMin, ngramMax, minDf, maxDf, maxFeatures, binary, value);
        }

        int bits() {
            return 63 / ngramMax;
        }
    }

    public CountVectorizer(Settings settings, int threads) {
        this.settings = settings;
        this.threads = Math.max(1, threads);
    }

    public Settings settings() {
        return settings;
    }

    /** Learns the terms of {@code docs}, tokenised one at a time by {@code tokenizer}, and returns their rows. */
    @Override
    public <T> CsrMatrix fitTransform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        int n = docs.size();
        int[][] encoded = encodeWithNewTokens(docs, tokenizer);
        DocTerms[] terms = new DocTerms[n];
        Parallel.run(threads, n, d -> terms[d] = DocTerms.of(encoded[d], settings));

        // Document frequencies, sharded by key so that several threads count at once.
        int shards = 1 << SHARD_BITS;
        LongIndex[] index = new LongIndex[shards];
        int[][] df = new int[shards][];
        long[][] tf = new long[shards][];
        Parallel.run(threads, shards, s -> {
            LongIndex idx = new LongIndex(1 << 14);
            int[] dfs = new int[1 << 14];
            long[] tfs = new long[1 << 14];
            for (DocTerms t : terms) {
                for (int k = 0; k < t.keys.length; k++) {
                    long key = t.keys[k];
                    if (shard(key) != s) {
                        continue;
                    }
                    int id = idx.add(key);
                    if (id >= dfs.length) {
                        dfs = Arrays.copyOf(dfs, dfs.length * 2);
                        tfs = Arrays.copyOf(tfs, tfs.length * 2);
                    }
                    dfs[id]++;
                    // As in scikit-learn, max_features ranks the binarised counts when binary is set.
                    tfs[id] += settings.binary ? 1 : t.counts[k];
                }
            }
            index[s] = idx;
            df[s] = dfs;
            tf[s] = tfs;
        });
        featureKeys = selectFeatures(index, df, tf, n);
        columnOfKey = new LongIndex(featureKeys.length);
        for (long key : featureKeys) {
            columnOfKey.add(key);
        }
        return toMatrix(terms);
    }

    /** The rows of {@code docs}, tokenised one at a time by {@code tokenizer}, over the fitted terms. */
    @Override
    public <T> CsrMatrix transform(List<T> docs, Function<? super T, List<String>> tokenizer) {
        if (featureKeys == null) {
            throw new IllegalStateException("the vectorizer is not fitted");
        }
        DocTerms[] terms = new DocTerms[docs.size()];
        Parallel.run(threads, docs.size(), d -> {
            List<String> doc = tokenizer.apply(docs.get(d));
            int[] ids = new int[doc.size()];
            int m = 0;
            for (String token : doc) {
                if (!settings.stopWords.contains(token)) {
                    Integer id = tokenIds.get(token);
                    ids[m++] = id == null ? -1 : id;
                }
            }
            terms[d] = DocTerms.of(m == ids.length ? ids : Arrays.copyOf(ids, m), settings);
        });
        return toMatrix(terms);
    }

    /**
     * Tokenises and numbers the tokens: each chunk of documents numbers its own new tokens on one
     * thread, then the chunks' numbers are merged in chunk order, which fixes the global order.
     */
    private <T> int[][] encodeWithNewTokens(List<T> docs, Function<? super T, List<String>> tokenizer) {
        int n = docs.size();
        int chunks = Math.max(1, Math.min(CHUNKS, n));
        int[][] encoded = new int[n][];
        List<List<String>> chunkTokens = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            chunkTokens.add(null);
        }
        Parallel.run(threads, chunks, c -> {
            Map<String, Integer> local = new HashMap<>();
            List<String> order = new ArrayList<>();
            for (int d = (int) ((long) n * c / chunks); d < (long) n * (c + 1) / chunks; d++) {
                List<String> doc = tokenizer.apply(docs.get(d));
                int[] ids = new int[doc.size()];
                int m = 0;
                for (String token : doc) {
                    if (settings.stopWords.contains(token)) {
                        continue;
                    }
                    Integer id = local.get(token);
                    if (id == null) {
                        id = order.size();
                        local.put(token, id);
                        order.add(token);
                    }
                    ids[m++] = id;
                }
                encoded[d] = m == ids.length ? ids : Arrays.copyOf(ids, m);
            }
            chunkTokens.set(c, order);
        });
        tokenIds = new HashMap<>();
        List<String> all = new ArrayList<>();
        int[][] remap = new int[chunks][];
        for (int c = 0; c < chunks; c++) {
            List<String> order = chunkTokens.get(c);
            remap[c] = new int[order.size()];
            for (int i = 0; i < order.size(); i++) {
                String token = order.get(i);
                Integer id = tokenIds.get(token);
                if (id == null) {
                    if (token.indexOf(' ') >= 0 || token.isEmpty()) {
                        throw new IllegalArgumentException("tokens must be non-empty and contain no space, got '"
                                + token + "'");
                    }
                    id = all.size();
                    tokenIds.put(token, id);
                    all.add(token);
                }
                remap[c][i] = id;
            }
        }
        tokens = all.toArray(new String[0]);
        checkTokenCount(tokens.length);
        Parallel.run(threads, chunks, c -> {
            int[] map = remap[c];
            for (int d = (int) ((long) n * c / chunks); d < (long) n * (c + 1) / chunks; d++) {
                int[] ids = encoded[d];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = map[ids[i]];
                }
            }
        });
        return encoded;
    }

    @Override
    public int features() {
        return featureKeys.length;
    }

    @Override
    public String featureName(int column) {
        StringBuilder name = new StringBuilder();
        int bits = settings.bits();
        long mask = (1L << bits) - 1;
        for (long k = featureKeys[column]; k != 0; k >>>= bits) {
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(tokens[(int) (k & mask) - 1]);
        }
        return name.toString();
    }

    /** The column of a term (tokens joined by single spaces), or -1 when it is not a feature. */
    public int column(String term) {
        String[] parts = term.split(" ");
        if (parts.length > settings.ngramMax) {
            return -1;
        }
        long key = 0;
        for (int i = 0; i < parts.length; i++) {
            Integer id = tokenIds.get(parts[i]);
            if (id == null) {
                return -1;
            }
            key |= (long) (id + 1) << (settings.bits() * i);
        }
        return columnOfKey.get(key);
    }

    /** Every training token, in the order of the ids used by {@link #termTokenIds}. */
    public String[] vocabularyTokens() {
        return tokens.clone();
    }

    /**
     * For each column, the ids of its n-gram's tokens: {@code result[p][column]} is the id of the
     * token at position {@code p}, or -1 past the n-gram's end. What a model file stores.
     */
    public int[][] termTokenIds() {
        int[][] out = new int[settings.ngramMax][featureKeys.length];
        int bits = settings.bits();
        long mask = (1L << bits) - 1;
        for (int f = 0; f < featureKeys.length; f++) {
            long k = featureKeys[f];
            for (int p = 0; p < settings.ngramMax; p++, k >>>= bits) {
                out[p][f] = (int) (k & mask) - 1;
            }
        }
        return out;
    }

    /** A fitted vectorizer from what {@link #vocabularyTokens} and {@link #termTokenIds} returned. */
    public static CountVectorizer fitted(Settings settings, String[] tokens, int[][] termTokenIds, int threads) {
        if (termTokenIds.length != settings.ngramMax) {
            throw new IllegalArgumentException("expected token ids for n-grams of up to " + settings.ngramMax);
        }
        CountVectorizer v = new CountVectorizer(settings, threads);
        v.tokens = tokens.clone();
        v.tokenIds = new HashMap<>(tokens.length * 2);
        for (int t = 0; t < tokens.length; t++) {
            if (v.tokenIds.put(tokens[t], t) != null) {
                throw new IllegalArgumentException("token '" + tokens[t] + "' appears twice");
            }
        }
        v.checkTokenCount(tokens.length);
        int count = termTokenIds[0].length;
        v.featureKeys = new long[count];
        v.columnOfKey = new LongIndex(count);
        int bits = settings.bits();
        for (int f = 0; f < count; f++) {
            long key = 0;
            int length = 0;
            for (int p = 0; p < settings.ngramMax; p++) {
                int id = termTokenIds[p][f];
                // length < p: an earlier position was already past the n-gram's end.
                if (id < -1 || id >= tokens.length || (id >= 0 && length < p)) {
                    throw new IllegalArgumentException("bad token id " + id + " in term " + f);
                }
                if (id >= 0) {
                    key |= (long) (id + 1) << (bits * p);
                    length++;
                }
            }
            if (length < settings.ngramMin || v.columnOfKey.add(key) != f) {
                throw new IllegalArgumentException("term " + f + " is empty, outside the n-gram range or repeated");
            }
            v.featureKeys[f] = key;
        }
        return v;
    }

    private void checkTokenCount(int distinct) {
        if (settings.ngramMax > 1 && distinct >= (1L << settings.bits()) - 1) {
            throw new IllegalArgumentException("too many distinct tokens (" + distinct + ") for n-grams of length "
                    + settings.ngramMax);
        }
    }

    private static int shard(long key) {
        return (int) ((key * 0xC2B2AE3D27D4EB4FL) >>> (64 - SHARD_BITS));
    }

    /**
     * The keys of the terms that pass min_df/max_df and max_features, ordered by descending
     * document frequency; ties in (shard, first appearance) order.
     */
    private long[] selectFeatures(LongIndex[] index, int[][] df, long[][] tf, int docs) {
        double maxDoc = settings.maxDf <= 1.0 ? settings.maxDf * docs : settings.maxDf;
        double minDoc = settings.minDf >= 1.0 && settings.minDf == Math.rint(settings.minDf)
                ? settings.minDf : settings.minDf * docs;
        if (maxDoc < minDoc) {
            throw new IllegalArgumentException("max_df corresponds to fewer documents than min_df");
        }
        int total = 0;
        for (LongIndex idx : index) {
            total += idx.size();
        }
        // (shard, local id) packed into one int: the shard in the top bits.
        int localBits = 31 - SHARD_BITS;
        long[] candidates = new long[total];
        int m = 0;
        for (int s = 0; s < index.length; s++) {
            for (int id = 0; id < index[s].size(); id++) {
                if (df[s][id] >= minDoc && df[s][id] <= maxDoc) {
                    candidates[m++] = ((long) s << localBits) | id;
                }
            }
        }
        candidates = Arrays.copyOf(candidates, m);
        if (settings.maxFeatures > 0 && m > settings.maxFeatures) {
            // Highest total count first; ties keep the fixed (shard, id) order.
            long[] byCount = new long[m];
            for (int i = 0; i < m; i++) {
                int s = (int) (candidates[i] >>> localBits);
                int id = (int) (candidates[i] & ((1L << localBits) - 1));
                byCount[i] = ((Long.MAX_VALUE >>> 31) - tf[s][id]) << 31 | candidates[i];
            }
            Arrays.sort(byCount);
            candidates = new long[settings.maxFeatures];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = byCount[i] & ((1L << 31) - 1);
            }
        }
        long[] byDf = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int s = (int) (candidates[i] >>> localBits);
            int id = (int) (candidates[i] & ((1L << localBits) - 1));
            byDf[i] = ((long) (Integer.MAX_VALUE - df[s][id]) << 31) | candidates[i];
        }
        Arrays.sort(byDf);
        long[][] keysById = new long[index.length][];
        for (int s = 0; s < index.length; s++) {
            keysById[s] = index[s].keysById();
        }
        long[] keys = new long[byDf.length];
        for (int i = 0; i < byDf.length; i++) {
            long c = byDf[i] & ((1L << 31) - 1);
            keys[i] = keysById[(int) (c >>> localBits)][(int) (c & ((1L << localBits) - 1))];
        }
        return keys;
    }

    private CsrMatrix toMatrix(DocTerms[] terms) {
        int[][] cols = new int[terms.length][];
        float[][] vals = new float[terms.length][];
        Parallel.run(threads, terms.length, d -> {
            DocTerms t = terms[d];
            long[] pairs = new long[t.keys.length];
            int n = 0;
            for (int k = 0; k < t.keys.length; k++) {
                int f = columnOfKey.get(t.keys[k]);
                if (f >= 0) {
                    pairs[n++] = ((long) f << 32) | t.counts[k];
                }
            }
            Arrays.sort(pairs, 0, n);
            int[] c = new int[n];
            float[] v = new float[n];
            for (int k = 0; k < n; k++) {
                c[k] = (int) (pairs[k] >>> 32);
                v[k] = settings.binary ? 1f : (float) (int) pairs[k];
            }
            cols[d] = c;
            vals[d] = v;
        });
        int[] indptr = new int[terms.length + 1];
        for (int d = 0; d < terms.length; d++) {
            indptr[d + 1] = Math.addExact(indptr[d], cols[d].length);
        }
        int[] indices = new int[indptr[terms.length]];
        float[] values = new float[indptr[terms.length]];
        for (int d = 0; d < terms.length; d++) {
            System.arraycopy(cols[d], 0, indices, indptr[d], cols[d].length);
            System.arraycopy(vals[d], 0, values, indptr[d], vals[d].length);
        }
        return new CsrMatrix(terms.length, featureKeys.length, indptr, indices, values);
    }

    /** One document's distinct n-gram keys (ascending) and their counts. */
    private record DocTerms(long[] keys, int[] counts) {
        /** Token ids of -1 (unknown tokens) break every n-gram that would contain them. */
        static DocTerms of(int[] ids, Settings s) {
            int bits = s.bits();
            int total = 0;
            for (int n = s.ngramMin; n <= s.ngramMax; n++) {
                total += Math.max(0, ids.length - n + 1);
            }
            long[] keys = new long[total];
            int m = 0;
            for (int n = s.ngramMin; n <= s.ngramMax; n++) {
                next:
                for (int i = 0; i + n <= ids.length; i++) {
                    long key = 0;
                    for (int j = 0; j < n; j++) {
                        int id = ids[i + j];
                        if (id < 0) {
                            continue next;
                        }
                        key |= (long) (id + 1) << (bits * j);
                    }
                    keys[m++] = key;
                }
            }
            Arrays.sort(keys, 0, m);
            int distinct = 0;
            int[] counts = new int[m];
            for (int k = 0; k < m; k++) {
                if (distinct > 0 && keys[distinct - 1] == keys[k]) {
                    counts[distinct - 1]++;
                } else {
                    keys[distinct] = keys[k];
                    counts[distinct++] = 1;
                }
            }
            return new DocTerms(Arrays.copyOf(keys, distinct), Arrays.copyOf(counts, distinct));
        }
    }
}
