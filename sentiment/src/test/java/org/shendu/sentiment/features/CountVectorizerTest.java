package org.shendu.sentiment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CountVectorizerTest {
    // Expected values below come from scikit-learn 1.2.1 on the same token lists.
    static final List<List<String>> DOCS = List.of(
            List.of("good", "movie", "good"), List.of("bad", "movie"), List.of("not", "good", "at", "all"),
            List.of("good", "fun"), List.of("bad", "bad", "plot"));

    static Map<String, Float> row(Vectorizer v, CsrMatrix x, int i) {
        Map<String, Float> m = new HashMap<>();
        for (int k = x.rowStart(i); k < x.rowEnd(i); k++) {
            m.put(v.featureName(x.index(k)), x.value(k));
        }
        return m;
    }

    static Set<String> names(Vectorizer v) {
        Set<String> s = new TreeSet<>();
        for (int j = 0; j < v.features(); j++) {
            s.add(v.featureName(j));
        }
        return s;
    }

    @Test
    void countsUnigramsAndBigrams() {
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults().ngramRange(1, 2), 2);
        CsrMatrix x = v.fitTransform(DOCS);
        assertEquals(17, v.features());
        assertEquals(Map.of("good", 2f, "movie", 1f, "good movie", 1f, "movie good", 1f), row(v, x, 0));
        assertEquals(Map.of("bad", 2f, "plot", 1f, "bad bad", 1f, "bad plot", 1f), row(v, x, 4));
    }

    @Test
    void binaryRecordsPresence() {
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults().binary(true), 1);
        CsrMatrix x = v.fitTransform(DOCS);
        assertEquals(Map.of("good", 1f, "movie", 1f), row(v, x, 0));
    }

    @Test
    void documentFrequencyBoundsAndMaxFeatures() {
        var base = CountVectorizer.Settings.defaults();
        CountVectorizer minDf = new CountVectorizer(base.minDf(2), 1);
        minDf.fitTransform(DOCS);
        assertEquals(Set.of("bad", "good", "movie"), names(minDf));
        CountVectorizer maxDf = new CountVectorizer(base.maxDf(0.5), 1);
        maxDf.fitTransform(DOCS);
        assertEquals(Set.of("all", "at", "bad", "fun", "movie", "not", "plot"), names(maxDf));
        CountVectorizer top = new CountVectorizer(base.ngramRange(1, 2).maxFeatures(3), 1);
        top.fitTransform(DOCS);
        assertEquals(Set.of("bad", "good", "movie"), names(top));
    }

    @Test
    void stopWordsAreRemovedBeforeNgrams() {
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults().ngramRange(2, 2)
                .stopWords(Set.of("at")), 1);
        v.fitTransform(DOCS);
        // "good at all" without "at" makes the bigram "good all", as in scikit-learn.
        assertEquals(true, names(v).contains("good all"));
        assertEquals(false, names(v).contains("at all"));
    }

    @Test
    void unknownTokensBreakNgramsAtTransform() {
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults().ngramRange(1, 2), 1);
        v.fitTransform(DOCS);
        CsrMatrix x = v.transform(List.of(List.of("good", "zzz", "movie", "good")));
        assertEquals(Map.of("good", 2f, "movie", 1f, "movie good", 1f), row(v, x, 0));
    }

    @Test
    void sameResultWithAnyThreadCountAndAfterReload() {
        List<List<String>> docs = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        for (int d = 0; d < 300; d++) {
            List<String> doc = new java.util.ArrayList<>();
            for (int t = 0; t < 20; t++) {
                doc.add("w" + random.nextInt(60));
            }
            docs.add(doc);
        }
        var settings = CountVectorizer.Settings.defaults().ngramRange(1, 3).minDf(2);
        CountVectorizer one = new CountVectorizer(settings, 1);
        CountVectorizer four = new CountVectorizer(settings, 4);
        CsrMatrix a = one.fitTransform(docs);
        CsrMatrix b = four.fitTransform(docs);
        assertEquals(a.nnz(), b.nnz());
        for (int j = 0; j < one.features(); j++) {
            assertEquals(one.featureName(j), four.featureName(j));
        }
        CountVectorizer reloaded = CountVectorizer.fitted(settings, one.vocabularyTokens(), one.termTokenIds(), 2);
        CsrMatrix c = reloaded.transform(docs);
        for (int i = 0; i < docs.size(); i++) {
            assertEquals(row(one, a, i), row(reloaded, c, i));
        }
        assertEquals(one.column("w1 w2"), reloaded.column("w1 w2"));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> CountVectorizer.Settings.defaults().ngramRange(1, 4));
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults().minDf(3).maxDf(2), 1);
        assertThrows(IllegalArgumentException.class, () -> v.fitTransform(DOCS));
    }

    @Test
    void columnsAreOrderedByDocumentFrequency() {
        CountVectorizer v = new CountVectorizer(CountVectorizer.Settings.defaults(), 1);
        CsrMatrix x = v.fitTransform(DOCS);
        int[] df = new int[v.features()];
        for (int k = 0; k < x.nnz(); k++) {
            df[x.index(k)]++;
        }
        int[] sorted = Arrays.stream(df).boxed().sorted((p, q) -> q - p).mapToInt(Integer::intValue).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(sorted, df);
    }
}
