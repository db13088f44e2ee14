package org.shendu.word2vec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shendu.data.WordPair;

/**
 * Correlation of the vectors' cosine similarities with human scores, as gensim's
 * {@code evaluate_word_pairs}: pairs with a word outside the first {@code restrictVocab} words are
 * skipped (and counted as out of vocabulary); Spearman's rho uses average ranks for ties, as scipy.
 */
public final class WordPairEvaluation {
    private WordPairEvaluation() {}

    /** Spearman's and Pearson's correlation over the scored pairs. */
    public record Result(double spearman, double pearson, int pairs, int oov) {
        /** Percentage of pairs skipped as out of vocabulary. */
        public double oovPercent() {
            return pairs + oov == 0 ? 0 : 100.0 * oov / (pairs + oov);
        }
    }

    /** gensim's defaults: restrict to 300,000 words, case-insensitive. */
    public static Result evaluate(WordVectors vectors, List<WordPair> pairs) {
        return evaluate(vectors, pairs, 300_000, true);
    }

    public static Result evaluate(WordVectors vectors, List<WordPair> pairs, int restrictVocab, boolean caseInsensitive) {
        int limit = restrictVocab > 0 ? Math.min(restrictVocab, vectors.size()) : vectors.size();
        Map<String, Integer> ok = new HashMap<>(limit * 2);
        for (int i = limit - 1; i >= 0; i--) {
            ok.put(AnalogyEvaluation.fold(vectors.word(i), caseInsensitive), i);
        }
        float[] unit = vectors.unit();
        int dim = vectors.dimension();
        List<double[]> scored = new ArrayList<>();
        int oov = 0;
        for (WordPair p : pairs) {
            Integer a = ok.get(AnalogyEvaluation.fold(p.a(), caseInsensitive));
            Integer b = ok.get(AnalogyEvaluation.fold(p.b(), caseInsensitive));
            if (a == null || b == null) {
                oov++;
                continue;
            }
            scored.add(new double[] {p.score(), Kernels.dot(unit, a * dim, unit, b * dim, dim)});
        }
        double[] gold = scored.stream().mapToDouble(s -> s[0]).toArray();
        double[] model = scored.stream().mapToDouble(s -> s[1]).toArray();
        return new Result(spearman(gold, model), pearson(gold, model), scored.size(), oov);
    }

    /** Spearman's rank correlation: Pearson's correlation of the ranks, ties sharing their mean rank. */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }
}
