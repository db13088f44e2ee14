package org.shendu.word2vec;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the training threads share besides the weights: the words done so far, from which the
 * learning rate decays linearly (alpha_t = alpha - (alpha - minAlpha) t / T over all epochs, as in
 * word2vec.c and gensim), the tokens read (for words/s) and the loss per epoch.
 */
final class TrainingSchedule {
    private final double startAlpha;
    private final double minAlpha;
    private final double totalWords;
    private final AtomicLong wordsDone = new AtomicLong();
    private final AtomicLong tokensRead = new AtomicLong();
    private final double[] epochLoss;
    private final long[] epochWords;
    private volatile float alpha;
    private volatile int latestEpoch;
    private volatile boolean cancelled;

    TrainingSchedule(double startAlpha, double minAlpha, long totalWords, int epochs) {
        this.startAlpha = startAlpha;
        this.minAlpha = minAlpha;
        this.totalWords = Math.max(1, totalWords);
        this.epochLoss = new double[epochs];
        this.epochWords = new long[epochs];
        this.alpha = (float) startAlpha;
    }

    float alpha() {
        return alpha;
    }

    /** A worker's counters since its last report; also moves the learning rate on. */
    void report(long words, long tokens, int epoch, double loss, long trainedWords) {
        long done = wordsDone.addAndGet(words);
        tokensRead.addAndGet(tokens);
        double a = startAlpha - (startAlpha - minAlpha) * (done / totalWords);
        alpha = (float) Math.max(minAlpha, a);
        synchronized (epochLoss) {
            epochLoss[epoch] += loss;
            epochWords[epoch] += trainedWords;
        }
        if (epoch > latestEpoch) {
            latestEpoch = epoch;
        }
    }

    long wordsDone() {
        return wordsDone.get();
    }

    long tokensRead() {
        return tokensRead.get();
    }

    int latestEpoch() {
        return latestEpoch;
    }

    /** Mean loss per trained word in the epoch (NaN before any word was trained). */
    double epochLoss(int epoch) {
        synchronized (epochLoss) {
            return epochWords[epoch] == 0 ? Double.NaN : epochLoss[epoch] / epochWords[epoch];
        }
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
