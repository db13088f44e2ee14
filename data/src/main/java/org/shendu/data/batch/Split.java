package org.shendu.data.batch;

import java.util.Arrays;
import org.shendu.core.train.Shuffle;

/** A seeded train/validation split of indices 0..n-1. */
public record Split(int[] train, int[] validation) {

    /** Shuffles 0..n-1 with {@code seed} and holds out {@code round(n × fraction)} for validation. */
    public static Split trainValidation(int n, double validationFraction, long seed) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int[] p = Shuffle.permutation(n, seed);
        int v = (int) Math.round(n * validationFraction);
        return new Split(Arrays.copyOfRange(p, v, n), Arrays.copyOfRange(p, 0, v));
    }
}
