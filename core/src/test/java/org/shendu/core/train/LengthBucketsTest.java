package org.shendu.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {
    private static final int N = 5000;

    private static int[] lengths() {
        SplittableRandom r = new SplittableRandom(3);
        int[] len = new int[N];
        for (int i = 0; i < N; i++) {
            len[i] = 1 + (int) Math.min(600, Math.abs(r.nextGaussian() * 150)); // review lengths: many short, a long tail
        }
        return len;
    }

    @Test
    void everyExampleOnceReproducibleFromTheSeed() {
        int[] len = lengths();
        LengthBuckets buckets = LengthBuckets.of(len, 32, 11);
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<int[]> b = buckets.batches(epoch);
            assertEachOnce(b, N);
            assertEquals(BatchesTest.flat(b), BatchesTest.flat(LengthBuckets.of(len, 32, 11).batches(epoch)), "same seed, same batches");
        }
        assertFalse(BatchesTest.flat(buckets.batches(1)).equals(BatchesTest.flat(buckets.batches(2))), "a new order each epoch");
        assertFalse(BatchesTest.flat(buckets.batches(1)).equals(BatchesTest.flat(LengthBuckets.of(len, 32, 12).batches(1))));
    }

    @Test
    void batchesHoldSimilarLengthsSoLittleIsPadding() {
        int[] len = lengths();
        double bucketed = padding(LengthBuckets.of(len, 32, 5).batches(1), len);
        double random = padding(Batches.of(N, 32).shuffled(5).batches(1), len);
        assertTrue(bucketed < random / 10, "padding bucketed " + bucketed + " vs random " + random);
    }

    @Test
    void batchOrderIsShuffledNotSortedByLength() {
        int[] len = lengths();
        List<int[]> b = LengthBuckets.of(len, 32, 5).batches(1);
        int descents = 0;
        for (int i = 1; i < b.size(); i++) {
            descents += len[b.get(i)[0]] < len[b.get(i - 1)[0]] ? 1 : 0;
        }
        assertTrue(descents > b.size() / 4, "batch order looks sorted: " + descents + " descents in " + b.size());
    }

    @Test
    void dropLastDropsOnlyShortBatches() {
        int[] len = lengths();
        List<int[]> b = LengthBuckets.of(len, 32, 5).poolBatches(10).dropLast(true).batches(1);
        for (int[] batch : b) {
            assertEquals(32, batch.length);
        }
        assertEquals(N / 320 * 10 + (N % 320) / 32, b.size());
    }

    /** Padding tokens per example when each batch is padded to its longest member. */
    private static double padding(List<int[]> batches, int[] len) {
        long pad = 0;
        for (int[] batch : batches) {
            int max = 0;
            for (int i : batch) {
                max = Math.max(max, len[i]);
            }
            for (int i : batch) {
                pad += max - len[i];
            }
        }
        return (double) pad / len.length;
    }

    static void assertEachOnce(List<int[]> batches, int n) {
        int[] seen = new int[n];
        for (int[] batch : batches) {
            for (int i : batch) {
                seen[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "example " + i);
        }
    }
}
