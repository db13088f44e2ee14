package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordVectorsTest {
    private static final int V = 500;
    private static final int D = 16;

    private static WordVectors random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> words = new ArrayList<>();
        float[] v = new float[V * D];
        for (int i = 0; i < V; i++) {
            words.add("w" + i);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new WordVectors(words, v, D, null);
    }

    private static double[] unit(WordVectors w, int row) {
        double[] u = new double[D];
        double s = 0;
        for (int d = 0; d < D; d++) {
            u[d] = w.raw()[row * D + d];
            s += u[d] * u[d];
        }
        for (int d = 0; d < D; d++) {
            u[d] /= Math.sqrt(s);
        }
        return u;
    }

    private static double cos(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** A float64 reference: score every word, drop the query words, sort. */
    private static List<String> naive(WordVectors w, List<Integer> ranking, java.util.function.IntToDoubleFunction score,
                                      int topN) {
        List<Integer> rows = new ArrayList<>(ranking);
        rows.sort(Comparator.comparingDouble(i -> -score.applyAsDouble(i)));
        return rows.subList(0, topN).stream().map(w::word).toList();
    }

    @Test
    void mostSimilarMatchesAFloat64Reference() {
        WordVectors w = random(1);
        double[] q = new double[D];
        double[] a = unit(w, 3);
        double[] b = unit(w, 10);
        double[] c = unit(w, 42);
        for (int d = 0; d < D; d++) {
            q[d] = (a[d] + b[d] - c[d]) / 3;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < V; i++) {
            if (i != 3 && i != 10 && i != 42) {
                candidates.add(i);
            }
        }
        List<String> expected = naive(w, candidates, i -> cos(unit(w, i), q), 10);
        List<ScoredWord> got = w.mostSimilar(List.of("w3", "w10"), List.of("w42"), 10);
        assertEquals(expected, got.stream().map(ScoredWord::word).toList());
        assertEquals(cos(unit(w, w.index(got.get(0).word())), q), got.get(0).score(), 1e-5);
    }

    @Test
    void cosMulMatchesAFloat64Reference() {
        WordVectors w = random(2);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < V; i++) {
            if (i != 1 && i != 2 && i != 5) {
                candidates.add(i);
            }
        }
        List<String> expected = naive(w, candidates, i -> {
            double[] x = unit(w, i);
            return (1 + cos(x, unit(w, 1))) / 2 * (1 + cos(x, unit(w, 2))) / 2
                    / ((1 + cos(x, unit(w, 5))) / 2 + 1e-6);
        }, 5);
        List<String> got = w.mostSimilarCosMul(List.of("w1", "w2"), List.of("w5"), 5).stream()
                .map(ScoredWord::word).toList();
        assertEquals(expected, got);
    }

    @Test
    void restrictVocabSearchesOnlyTheFirstWords() {
        WordVectors w = random(3);
        for (ScoredWord s : w.mostSimilar(List.of("w7"), List.of(), 20, 50)) {
            assertEquals(true, w.index(s.word()) < 50);
        }
    }

    @Test
    void similarityDoesntMatchAndNearestToAVector() {
        WordVectors w = new WordVectors(List.of("cat", "dog", "lion", "car"),
                new float[] {1, 0.1f, 0, 0.9f, 0.2f, 0, 1, 0, 0.1f, 0, 0.1f, 1}, 3, null);
        assertEquals(1.0, w.similarity("cat", "cat"), 1e-6);
        assertEquals("car", w.doesntMatch(List.of("cat", "dog", "car", "lion", "unknown")));
        assertEquals("car", w.similarByVector(new float[] {0, 0, 5}, 1).get(0).word());
        assertEquals(List.of("dog", "lion", "car"),
                w.mostSimilar("cat", 10).stream().map(ScoredWord::word).toList());
        assertThrows(IllegalArgumentException.class, () -> w.mostSimilar("zebra", 3));
        assertThrows(IllegalArgumentException.class, () -> w.similarByVector(new float[] {1, 2}, 3));
    }

    @Test
    void largeVocabulariesGiveTheSameAnswerInParallel() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 60_000;
        int d = 80;
        List<String> words = new ArrayList<>();
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            words.add("w" + i);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        WordVectors big = new WordVectors(words, v, d, null);
        List<ScoredWord> all = big.mostSimilar(List.of("w17"), List.of(), 5);
        List<ScoredWord> restricted = big.mostSimilar(List.of("w17"), List.of(), 5, n);
        assertEquals(all, restricted);
        double best = -2;
        for (int i = 0; i < n; i++) {
            if (i != 17) {
                best = Math.max(best, big.similarity("w17", "w" + i));
            }
        }
        assertEquals(best, all.get(0).score(), 1e-6);
    }
}
