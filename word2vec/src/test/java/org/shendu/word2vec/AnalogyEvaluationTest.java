package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shendu.data.AnalogySet;

class AnalogyEvaluationTest {
    private static AnalogySet questions(String text) throws IOException {
        return AnalogySet.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "q.txt");
    }

    /** Countries on the axes, each capital its country plus a shared "capital" direction. */
    private static WordVectors world() {
        List<String> words = List.of("france", "paris", "germany", "berlin", "italy", "rome", "Japan", "tokyo",
                "noise");
        float[] v = {
            1, 0, 0, 0, 0,   1, 0, 0, 0, 1,
            0, 1, 0, 0, 0,   0, 1, 0, 0, 1,
            0, 0, 1, 0, 0,   0, 0, 1, 0, 1,
            0, 0, 0, 1, 0,   0, 0, 0, 1, 1,
            -1, -1, -1, -1, 0.5f
        };
        return new WordVectors(words, v, 5, null);
    }

    @Test
    void countsCorrectAnswersPerSectionCaseInsensitively() throws IOException {
        AnalogySet q = questions(": capital-common-countries\r\n"
                + "France Paris Germany Berlin\r\n"
                + "Germany Berlin Italy Rome\r\n"
                + "France Paris Japan Tokyo\r\n"
                + "France Paris Spain Madrid\r\n"
                + ": gram-fake\n"
                + "Paris France Berlin noise\n");
        AnalogyEvaluation.Result r = AnalogyEvaluation.evaluate(world(), q, 30000, true);
        assertEquals(2, r.sections().size());
        assertEquals(3, r.sections().get(0).total());
        assertEquals(3, r.sections().get(0).correct());
        assertEquals(1, r.sections().get(1).total());
        assertEquals(0, r.sections().get(1).correct());
        assertEquals(1, r.skipped());
        assertEquals(0.75, r.accuracy(), 1e-12);
        assertEquals(1.0, r.semanticAccuracy(), 1e-12);
        assertEquals(0.0, r.syntacticAccuracy(), 1e-12);
    }

    @Test
    void caseSensitiveAndRestrictedVocabularySkipMore() throws IOException {
        AnalogySet q = questions(": s\nfrance paris japan tokyo\nfrance paris germany berlin\n");
        AnalogyEvaluation.Result sensitive = AnalogyEvaluation.evaluate(world(), q, 0, false);
        assertEquals(1, sensitive.total());
        assertEquals(1, sensitive.skipped());
        AnalogyEvaluation.Result restricted = AnalogyEvaluation.evaluate(world(), q, 3, true);
        assertEquals(0, restricted.total());
        assertEquals(2, restricted.skipped());
    }
}
