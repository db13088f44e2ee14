package org.shendu.word2vec;

import java.util.List;
import org.shendu.data.AnalogySet;
import org.shendu.data.WordPair;

/**
 * The standard English evaluation of word vectors, as the anchors' {@code eval_vectors.py} runs it
 * with gensim: Google analogies restricted to the 30,000 most frequent words and case-insensitive,
 * and Spearman's rho on WordSim-353 and SimLex-999.
 *
 * @param analogy analogy accuracy (total, semantic, syntactic, per section)
 * @param wordSim353 WordSim-353 correlation, or null when not evaluated
 * @param simLex999 SimLex-999 correlation, or null when not evaluated
 */
public record EvaluationSuite(AnalogyEvaluation.Result analogy, WordPairEvaluation.Result wordSim353,
                              WordPairEvaluation.Result simLex999) {

    /** The convention of the C tool's {@code compute-accuracy} and of the anchors. */
    public static final int RESTRICT_VOCAB = 30_000;

    public static EvaluationSuite run(WordVectors vectors, AnalogySet analogies, List<WordPair> wordSim353,
                                      List<WordPair> simLex999) {
        return new EvaluationSuite(
                analogies == null ? null : AnalogyEvaluation.evaluate(vectors, analogies, RESTRICT_VOCAB, true),
                wordSim353 == null ? null : WordPairEvaluation.evaluate(vectors, wordSim353),
                simLex999 == null ? null : WordPairEvaluation.evaluate(vectors, simLex999));
    }
}
