package org.shendu.word2vec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words a word2vec model knows, most frequent first (the C tool's and gensim's order; ties keep
 * the order of first appearance), with their corpus counts. Id {@code i} is row {@code i} of every
 * weight matrix.
 */
public final class WordVocabulary {
    private final String[] words;
    private final long[] counts;
    private final TokenTable index;
    private final long totalCount;

    private WordVocabulary(String[] words, long[] counts) {
        this.words = words;
        this.counts = counts;
        this.index = new TokenTable();
        long total = 0;
        for (int i = 0; i < words.length; i++) {
            int id = index.add(words[i], counts[i]);
            if (id != i) {
                throw new IllegalArgumentException("duplicate word in vocabulary: " + words[i]);
            }
            total += counts[i];
        }
        this.totalCount = total;
    }

    /** A vocabulary of the given words and counts, kept in the order given. */
    public static WordVocabulary of(List<String> words, long[] counts) {
        if (words.size() != counts.length) {
            throw new IllegalArgumentException(words.size() + " words but " + counts.length + " counts");
        }
        return new WordVocabulary(words.toArray(new String[0]), counts.clone());
    }

    /**
     * Keeps the words counted at least {@code minCount} times, most frequent first, at most
     * {@code maxSize} of them ({@code 0}: no cap; gensim's {@code max_final_vocab}).
     */
    static WordVocabulary prune(TokenTable counted, int minCount, int maxSize) {
        int n = counted.size();
        Integer[] ids = new Integer[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (counted.count(i) >= minCount) {
                ids[kept++] = i;
            }
        }
        Integer[] order = Arrays.copyOf(ids, kept);
        // Stable sort: equal counts keep the order of first appearance.
        Arrays.sort(order, (a, b) -> Long.compare(counted.count(b), counted.count(a)));
        int size = maxSize > 0 ? Math.min(maxSize, kept) : kept;
        String[] words = new String[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            words[i] = counted.word(order[i]);
            counts[i] = counted.count(order[i]);
        }
        return new WordVocabulary(words, counts);
    }

    public int size() {
        return words.length;
    }

    /** The word's id, or -1 when it is not in the vocabulary. */
    public int id(String word) {
        return index.find(word);
    }

    int id(byte[] utf8, int off, int len) {
        return index.find(utf8, off, len);
    }

    public String word(int id) {
        return words[id];
    }

    public long count(int id) {
        return counts[id];
    }

    /** The sum of all counts: the number of corpus tokens that are in the vocabulary. */
    public long totalCount() {
        return totalCount;
    }

    public List<String> words() {
        return List.of(words);
    }

    long[] counts() {
        return counts.clone();
    }

    /** The words as a fresh list, for building sub-vocabularies. */
    List<String> wordList() {
        return new ArrayList<>(Arrays.asList(words));
    }
}
