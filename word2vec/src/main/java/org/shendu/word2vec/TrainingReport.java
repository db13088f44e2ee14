package org.shendu.word2vec;

import java.util.List;

/**
 * What a training run measured.
 *
 * @param vocabularySeconds time spent counting the corpus and building the vocabulary (0 when
 *     training continued an existing model)
 * @param trainSeconds time spent in the training threads
 * @param tokens corpus tokens read over all epochs, in the vocabulary or not
 * @param wordsPerSecond {@code tokens / trainSeconds}, the figure the C tool and gensim print
 * @param epochLoss mean loss per trained word in each epoch: the negative log-likelihood summed
 *     over the positive and noise predictions (or the Huffman path) of a word
 */
public record TrainingReport(double vocabularySeconds, double trainSeconds, long tokens, double wordsPerSecond,
                             List<Double> epochLoss) {}
