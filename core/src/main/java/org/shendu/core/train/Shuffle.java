package org.shendu.core.train;

import java.util.SplittableRandom;

/** Seeded shuffling (Fisher-Yates): the same seed gives the same order on every machine. */
public final class Shuffle {
    private Shuffle() {}

    /** A permutation of {@code 0..n-1} drawn with a {@link SplittableRandom} seeded by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A permutation of {@code 0..n-1} drawn from {@code random} (which advances). */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    /** Shuffles {@code values} in place. */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * The generator for epoch {@code epoch} of a run seeded with {@code seed}: the {@code epoch + 1}-th
     * stream split from the seed's, so each epoch's order is reproducible on its own (a resumed run
     * shuffles epoch 7 as the uninterrupted one did) and the epochs' streams are independent.
     */
    public static SplittableRandom forEpoch(long seed, int epoch) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom r = root.split();
        for (int e = 0; e < epoch; e++) {
            r = root.split();
        }
        return r;
    }
}
