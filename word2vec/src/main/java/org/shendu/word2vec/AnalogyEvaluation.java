package org.shendu.word2vec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.data.Analogy;
import org.shendu.data.AnalogySet;

/**
 * Analogy accuracy the way gensim's {@code evaluate_word_analogies} and the C tool's
 * {@code compute-accuracy} count it: only the {@code restrictVocab} most frequent words take part
 * (30,000 by convention); a question with a word outside them is skipped; the answer is the best
 * 3CosAdd word ({@code b - a + c}) among them other than a, b and c; with case folding, words are
 * compared upper-cased and the most frequent casing of each word stands for it.
 */
public final class AnalogyEvaluation {
    private AnalogyEvaluation() {}

    /** Correct and scored counts of one section. */
    public record SectionScore(String section, int correct, int total) {
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    /**
     * Per-section results, with totals; semantic sections are those whose name does not start with
     * {@code gram} (the Google set's convention; CA8's files are semantic or morphological as a whole).
     */
    public record Result(List<SectionScore> sections, int correct, int total, int skipped,
                         int semanticCorrect, int semanticTotal, int syntacticCorrect, int syntacticTotal) {
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }

        public double semanticAccuracy() {
            return semanticTotal == 0 ? Double.NaN : (double) semanticCorrect / semanticTotal;
        }

        public double syntacticAccuracy() {
            return syntacticTotal == 0 ? Double.NaN : (double) syntacticCorrect / syntacticTotal;
        }
    }

    /** Scores the questions with 3CosAdd, restricted to the first {@code restrictVocab} words. */
    public static Result evaluate(WordVectors vectors, AnalogySet questions, int restrictVocab,
                                  boolean caseInsensitive) {
        int limit = restrictVocab > 0 ? Math.min(restrictVocab, vectors.size()) : vectors.size();
        // gensim walks the kept words in reverse so that the most frequent casing wins.
        Map<String, Integer> ok = new HashMap<>(limit * 2);
        for (int i = limit - 1; i >= 0; i--) {
            ok.put(fold(vectors.word(i), caseInsensitive), i);
        }
        List<SectionScore> scores = new ArrayList<>();
        int correct = 0;
        int total = 0;
        int skipped = 0;
        int semC = 0;
        int semT = 0;
        int synC = 0;
        int synT = 0;
        for (AnalogySet.Section section : questions.sections()) {
            int c = 0;
            int t = 0;
            for (Analogy q : section.questions()) {
                String a = fold(q.a(), caseInsensitive);
                String b = fold(q.b(), caseInsensitive);
                String cc = fold(q.c(), caseInsensitive);
                String expected = fold(q.d(), caseInsensitive);
                Integer ia = ok.get(a);
                Integer ib = ok.get(b);
                Integer ic = ok.get(cc);
                if (ia == null || ib == null || ic == null || !ok.containsKey(expected)) {
                    skipped++;
                    continue;
                }
                List<ScoredWord> top = vectors.mostSimilarRows(new int[] {ib, ic}, new int[] {ia}, 5, limit);
                String predicted = null;
                for (ScoredWord s : top) {
                    String p = fold(s.word(), caseInsensitive);
                    predicted = p;
                    if (ok.containsKey(p) && !p.equals(a) && !p.equals(b) && !p.equals(cc)) {
                        break;
                    }
                }
                t++;
                if (expected.equals(predicted)) {
                    c++;
                }
            }
            scores.add(new SectionScore(section.name(), c, t));
            correct += c;
            total += t;
            if (section.name().startsWith("gram")) {
                synC += c;
                synT += t;
            } else {
                semC += c;
                semT += t;
            }
        }
        return new Result(List.copyOf(scores), correct, total, skipped, semC, semT, synC, synT);
    }

    static String fold(String word, boolean caseInsensitive) {
        return caseInsensitive ? word.toUpperCase(Locale.ROOT) : word;
    }
}
