package org.shendu.word2vec;

/** A word with a score, e.g. its cosine similarity to a query. */
public record ScoredWord(String word, double score) {
    @Override
    public String toString() {
        return String.format("%s %.4f", word, score);
    }
}
