package org.shendu.rnn.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Vocabularies without word vectors, and the encoding of token lists. */
class TokenIdsTest {
    private static final List<List<String>> TEXTS = List.of(
            List.of("the", "film", "was", "good"),
            List.of("the", "plot", "was", "thin", "the", "end"),
            List.of("good", "film", "the", "end"));

    @Test
    void mostFrequentKeepsCountsAboveTheMinimumMostFrequentFirst() {
        // the 4; film, was, good, end 2 each (first seen in that order); plot, thin 1
        assertEquals(List.of("the", "film", "was", "good", "end"), TokenIds.mostFrequent(TEXTS, 2, 0).words());
        assertEquals(List.of("the", "film"), TokenIds.mostFrequent(TEXTS, 1, 2).words());
        assertEquals(9, TokenIds.mostFrequent(TEXTS, 1, 0).size()); // 7 words + padding + unknown
    }

    @Test
    void encodingMapsUnknownWordsToOneAndNeverReturnsAnEmptySequence() {
        TokenIds ids = TokenIds.mostFrequent(TEXTS, 2, 0);
        assertArrayEquals(new int[] {2, 1, 4}, ids.encode(List.of("the", "plot", "was"), 10, Truncation.HEAD));
        assertArrayEquals(new int[] {RecurrentClassifier.UNKNOWN}, ids.encode(List.of(), 10, Truncation.HEAD));
    }
}
