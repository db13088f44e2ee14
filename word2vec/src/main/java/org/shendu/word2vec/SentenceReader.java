package org.shendu.word2vec;

/** Gives the sentences of one part of a {@link Corpus} as word ids; out-of-vocabulary tokens are dropped. */
abstract class SentenceReader implements AutoCloseable {
    /** Every token read so far, in the vocabulary or not (the numerator of words/s). */
    long tokensRead;

    /**
     * Fills {@code ids} with the next sentence's word ids and returns how many there are; a
     * sentence longer than {@code ids} continues in the next call. Returns -1 at the end.
     */
    abstract int next(int[] ids);

    @Override
    public void close() {}
}
