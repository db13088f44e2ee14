package org.shendu.sentiment.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KaggleTutorialTokenizerTest {

    @Test
    void matchesTheAnchorsCleaningAndScikitLearnsAnalyzer() {
        // kaggle_clean() of imdb_bow.py followed by CountVectorizer().build_analyzer(), scikit-learn 1.2.1.
        KaggleTutorialTokenizer t = new KaggleTutorialTokenizer();
        assertEquals(List.of("movie", "great", "really"),
                t.tokenize("This movie was <br /><br />GREAT, a 10/10 -- I'd see it again! <i>Really</i> x y"));
        assertEquals(List.of(), t.tokenize("A<b>c d<e"));
        assertEquals(List.of("caf", "na", "ve", "rd", "rate", "end"), t.tokenize("Café naïve 3rd-rate <no end"));
        assertEquals("kaggle-tutorial", Tokenizers.fromSpec(t.spec()).spec().kind());
    }
}
