package org.shendu.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mini-batches of {@code 0..n-1}: in order, or shuffled anew each epoch from a seed; the last,
 * smaller batch kept or dropped ({@code drop_last}). Immutable: the setters return a new sampler.
 */
public final class Batches implements BatchSampler {
    private final int examples;
    private final int batchSize;
    private final Long seed;
    private final boolean dropLast;

    private Batches(int examples, int batchSize, Long seed, boolean dropLast) {
        if (examples < 0 || batchSize < 1) {
            throw new IllegalArgumentException("need examples >= 0 and batch size >= 1, got " + examples + " and " + batchSize);
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /** Batches of {@code batchSize} consecutive indices of {@code examples}, in order, the last one kept. */
    public static Batches of(int examples, int batchSize) {
        return new Batches(examples, batchSize, null, false);
    }

    /** Shuffles the examples each epoch, reproducibly from {@code seed} (see {@link Shuffle#forEpoch}). */
    public Batches shuffled(long seed) {
        return new Batches(examples, batchSize, seed, dropLast);
    }

    /** Drops the last batch when it is smaller than the others. */
    public Batches dropLast(boolean drop) {
        return new Batches(examples, batchSize, seed, drop);
    }

    /** Batches per epoch. */
    public int size() {
        return dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize;
    }

    @Override
    public List<int[]> batches(int epoch) {
        int[] order = seed == null ? identity() : Shuffle.permutation(examples, Shuffle.forEpoch(seed, epoch));
        return cut(order, batchSize, dropLast);
    }

    private int[] identity() {
        int[] p = new int[examples];
        Arrays.setAll(p, i -> i);
        return p;
    }

    static List<int[]> cut(int[] order, int batchSize, boolean dropLast) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            if (to - from < batchSize && dropLast) {
                break;
            }
            out.add(Arrays.copyOfRange(order, from, to));
        }
        return out;
    }
}
