package org.shendu.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void broadcastsLikeNumpy() {
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast(Shape.of(3, 1), Shape.of(2, 1, 4)));
        assertEquals(Shape.of(0, 3), Shape.broadcast(Shape.of(0, 3), Shape.of(3)));
        assertThrows(ShenduException.class, () -> Shape.broadcast(Shape.of(2), Shape.of(3)));
        assertArrayEquals(new int[] {1, 1, 5}, Shape.of(5).padTo(3));
        assertEquals(1, Shape.of().size());
    }
}
