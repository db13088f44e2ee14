package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shendu.data.WordPair;
import org.shendu.data.WordPairs;

class WordPairEvaluationTest {
    @Test
    void spearmanMatchesScipyWithTies() {
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) -> 0.8207826816681233
        assertEquals(0.8207826816681233, WordPairEvaluation.spearman(
                new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 3}, WordPairEvaluation.ranks(new double[] {2, 2, 9}));
        assertEquals(-1.0, WordPairEvaluation.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}), 1e-12);
    }

    @Test
    void skipsOutOfVocabularyPairsCaseInsensitively() throws IOException {
        WordVectors v = new WordVectors(List.of("a", "B", "c"), new float[] {1, 0, 0.8f, 0.6f, 0, 1}, 2, null);
        String text = "# comment\nA\tb\t9\nb\tC\t5\na\tc\t1\na\tzz\t3\n";
        List<WordPair> pairs = WordPairs.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "p");
        WordPairEvaluation.Result r = WordPairEvaluation.evaluate(v, pairs);
        assertEquals(3, r.pairs());
        assertEquals(1, r.oov());
        assertEquals(1.0, r.spearman(), 1e-9);
        assertEquals(25.0, r.oovPercent(), 1e-9);
    }
}
