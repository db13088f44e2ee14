package org.shendu.data.batch;

import java.util.SplittableRandom;

/** Seeded shuffling: the same seed gives the same order on every machine. */
public final class Shuffle {
    private Shuffle() {}

    /** A permutation of 0..n-1 (Fisher-Yates with a {@link SplittableRandom} seeded by {@code seed}). */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
