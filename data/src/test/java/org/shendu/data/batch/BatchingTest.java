package org.shendu.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingTest {

    @Test
    void padsAndTruncatesWithMask() {
        PaddedBatch b = Padding.pad(new int[][] {{5, 6, 7, 8}, {9}, {}}, 3, 0);
        assertArrayEquals(new int[] {5, 6, 7, 9, 0, 0, 0, 0, 0}, b.ids());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 0}, b.mask());
        assertArrayEquals(new int[] {3, 1, 0}, b.lengths());
        assertEquals(9, b.id(1, 0));
    }

    @Test
    void splitPartitionsTheIndices() {
        Split s = Split.trainValidation(101, 0.2, 7);
        assertEquals(20, s.validation().length);
        assertEquals(81, s.train().length);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    }
}
