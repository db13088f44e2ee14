package org.shendu.sentiment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {

    @Test
    void matchesScikitLearnSublinearSmoothL2() {
        // TfidfVectorizer(ngram_range=(1,2), sublinear_tf=True) in scikit-learn 1.2.1 on the same tokens.
        TfidfVectorizer v = new TfidfVectorizer(
                new CountVectorizer(CountVectorizer.Settings.defaults().ngramRange(1, 2), 2),
                TfidfVectorizer.Weighting.defaults().sublinearTf(true));
        CsrMatrix x = v.fitTransform(CountVectorizerTest.DOCS);
        Map<String, Float> row0 = CountVectorizerTest.row(v, x, 0);
        assertEquals(0.5715008417, row0.get("good"), 1e-6);
        assertEquals(0.5040043744, row0.get("good movie"), 1e-6);
        assertEquals(0.4066275558, row0.get("movie"), 1e-6);
        assertEquals(0.5040043744, row0.get("movie good"), 1e-6);
        Map<String, Float> row2 = CountVectorizerTest.row(v, x, 2);
        assertEquals(0.2637290943, row2.get("good"), 1e-6);
        assertEquals(0.39379499, row2.get("not good"), 1e-6);
        double[] idf = v.idf();
        assertEquals(1.4054651081, idf[v.counts().column("good")], 1e-9);
        assertEquals(2.0986122887, idf[v.counts().column("at all")], 1e-9);
    }
}
