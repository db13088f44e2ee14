package org.shendu.rnn.classify;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier's vocabulary: id 0 is padding, id 1 any unknown word, ids 2.. the words in the
 * order given (usually the word vectors' order). Encodes token lists into ids, cut to a budget.
 */
public final class TokenIds {
    private final List<String> words;
    private final Map<String, Integer> ids;

    public TokenIds(Collection<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>(this.words.size() * 2);
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.putIfAbsent(this.words.get(i), i + 2) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' is twice in the vocabulary");
            }
        }
    }

    /**
     * The words of {@code texts} seen at least {@code minCount} times, most frequent first (ties in
     * the order first seen), at most {@code maxWords} of them (0: no cap): a vocabulary without word vectors.
     */
    public static TokenIds mostFrequent(List<List<String>> texts, int minCount, int maxWords) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (List<String> text : texts) {
            for (String w : text) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        java.util.stream.Stream<String> words = counts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()) // stable: ties keep first-seen order
                .map(Map.Entry::getKey);
        return new TokenIds((maxWords > 0 ? words.limit(maxWords) : words).toList());
    }

    /** Ids including padding and unknown. */
    public int size() {
        return words.size() + 2;
    }

    /** The words, id 2 first. */
    public List<String> words() {
        return words;
    }

    public int id(String word) {
        return ids.getOrDefault(word, RecurrentClassifier.UNKNOWN);
    }

    /**
     * The ids of the kept tokens ({@link Truncation}); a text without tokens becomes one unknown
     * word, so that every sequence has at least one real step.
     */
    public int[] encode(List<String> tokens, int maxTokens, Truncation truncation) {
        if (tokens.isEmpty()) {
            return new int[] {RecurrentClassifier.UNKNOWN};
        }
        int[] keep = new int[Math.min(tokens.size(), maxTokens)];
        int n = truncation.keep(tokens.size(), maxTokens, keep);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = id(tokens.get(keep[i]));
        }
        return out;
    }

    /** Fraction of the tokens that are unknown words. */
    public double unknownRate(List<int[]> encoded) {
        long unknown = 0, total = 0;
        for (int[] e : encoded) {
            for (int id : e) {
                unknown += id == RecurrentClassifier.UNKNOWN ? 1 : 0;
            }
            total += e.length;
        }
        return total == 0 ? 0 : unknown / (double) total;
    }
}
