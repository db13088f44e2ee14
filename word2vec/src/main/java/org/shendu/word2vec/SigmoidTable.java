package org.shendu.word2vec;

/**
 * sigma(x) = 1 / (1 + e^-x) and log sigma(x), tabulated on [-6, 6] in 1000 steps as in the C tool
 * ({@code EXP_TABLE_SIZE}, {@code MAX_EXP}): the hot loop looks values up instead of calling
 * {@code Math.exp}. Outside the range the gradient is taken as saturated, as word2vec.c does.
 */
final class SigmoidTable {
    static final int SIZE = 1000;
    static final float MAX = 6f;
    /** Index scale: i = (int) ((x + MAX) * SCALE). */
    static final float SCALE = SIZE / MAX / 2;
    static final float[] SIGMOID = new float[SIZE + 1];
    /** log sigma(x) on the same grid (gensim's LOG_TABLE), for the training loss. */
    static final float[] LOG_SIGMOID = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            double x = (i / (double) SIZE * 2 - 1) * MAX;
            double e = Math.exp(x);
            SIGMOID[i] = (float) (e / (e + 1));
            LOG_SIGMOID[i] = (float) -Math.log1p(Math.exp(-x));
        }
    }

    private SigmoidTable() {}
}
