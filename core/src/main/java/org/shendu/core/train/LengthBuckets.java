package org.shendu.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of padded sequences of similar lengths, so little of each batch is padding (the
 * "bucket iterator" of torchtext and fairseq). Each epoch, reproducibly from the seed: shuffle the
 * examples, cut them into pools of {@code poolBatches} batches, sort each pool by length, cut the
 * pool into batches, and shuffle the order of all batches. Shuffling before pooling keeps the
 * batches different from epoch to epoch; sorting only within a pool keeps them random enough.
 * Every example is in exactly one batch (unless {@link #dropLast} drops a short one per pool).
 */
public final class LengthBuckets implements BatchSampler {
    private final int[] lengths;
    private final int batchSize;
    private final long seed;
    private final int poolBatches;
    private final boolean dropLast;

    private LengthBuckets(int[] lengths, int batchSize, long seed, int poolBatches, boolean dropLast) {
        if (batchSize < 1 || poolBatches < 1) {
            throw new IllegalArgumentException("need batch size >= 1 and pool >= 1 batch, got " + batchSize + " and " + poolBatches);
        }
        this.lengths = lengths;
        this.batchSize = batchSize;
        this.seed = seed;
        this.poolBatches = poolBatches;
        this.dropLast = dropLast;
    }

    /** Buckets for examples of these lengths (tokens), {@code batchSize} per batch; pools of 50 batches. */
    public static LengthBuckets of(int[] lengths, int batchSize, long seed) {
        return new LengthBuckets(lengths.clone(), batchSize, seed, 50, false);
    }

    /** How many batches are sorted together (default 50); 1 sorts nothing across batches. */
    public LengthBuckets poolBatches(int batches) {
        return new LengthBuckets(lengths, batchSize, seed, batches, dropLast);
    }

    /** Drops each pool's last batch when it is short (the last pool's is the only one that can be). */
    public LengthBuckets dropLast(boolean drop) {
        return new LengthBuckets(lengths, batchSize, seed, poolBatches, drop);
    }

    @Override
    public List<int[]> batches(int epoch) {
        SplittableRandom random = Shuffle.forEpoch(seed, epoch);
        int[] order = Shuffle.permutation(lengths.length, random);
        int pool = batchSize * poolBatches;
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += pool) {
            Integer[] members = new Integer[Math.min(pool, order.length - from)];
            for (int i = 0; i < members.length; i++) {
                members[i] = order[from + i];
            }
            // A stable sort: equal lengths keep their shuffled order.
            Arrays.sort(members, (a, b) -> Integer.compare(lengths[a], lengths[b]));
            out.addAll(Batches.cut(Arrays.stream(members).mapToInt(Integer::intValue).toArray(), batchSize, dropLast));
        }
        int[] batchOrder = Shuffle.permutation(out.size(), random);
        List<int[]> shuffled = new ArrayList<>(out.size());
        for (int b : batchOrder) {
            shuffled.add(out.get(b));
        }
        return Collections.unmodifiableList(shuffled);
    }
}
