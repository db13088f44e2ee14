package org.shendu.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void matchesTheQualityAnchorsTestVectors() {
        SplitMix64 r = new SplitMix64(42);
        assertEquals(0xbdd732262feb6e95L, r.next());
        assertEquals(0x28efe333b266f103L, r.next());
        assertEquals(0x47526757130f9f52L, r.next());
        assertArrayEquals(new int[] {0, 9, 5, 8, 6, 4, 7, 2, 1, 3}, SplitMix64.permutation(10, 42));
    }

    @Test
    void permutationHoldsEveryIndexOnce() {
        int[] p = SplitMix64.permutation(48636, 42);
        boolean[] seen = new boolean[p.length];
        for (int i : p) {
            seen[i] = true;
        }
        for (boolean s : seen) {
            assertEquals(true, s);
        }
    }
}
