package org.shendu.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
    @Test
    void inOrderTheLastBatchIsKeptOrDropped() {
        List<int[]> b = Batches.of(7, 3).batches(1);
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {0, 1, 2}, b.get(0));
        assertArrayEquals(new int[] {6}, b.get(2));
        assertEquals(2, Batches.of(7, 3).dropLast(true).batches(1).size());
        assertEquals(2, Batches.of(7, 3).dropLast(true).size());
        assertEquals(3, Batches.of(7, 3).size());
    }

    @Test
    void shuffledEpochsAreReproducibleAndDifferent() {
        Batches b = Batches.of(1000, 32).shuffled(42);
        assertEquals(flat(b.batches(3)), flat(Batches.of(1000, 32).shuffled(42).batches(3)));
        assertFalse(flat(b.batches(1)).equals(flat(b.batches(2))));
        assertFalse(flat(b.batches(1)).equals(flat(Batches.of(1000, 32).shuffled(43).batches(1))));
        LengthBucketsTest.assertEachOnce(b.batches(2), 1000);
        assertEquals(31 * 32, flat(b.dropLast(true).batches(5)).size());
    }

    @Test
    void shuffleIsAPermutation() {
        int[] p = Shuffle.permutation(500, 9);
        assertArrayEquals(p, Shuffle.permutation(500, 9));
        LengthBucketsTest.assertEachOnce(List.of(p), 500);
    }

    static List<Integer> flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(java.util.Arrays::stream).boxed().toList();
    }
}
