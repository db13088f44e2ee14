package org.shendu.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a scope frees and what {@link Scope#keep} hands on, views included. */
class ScopeTest {
    private final Device device = Device.cpu();

    @Test
    void closesWhatWasMadeInside() {
        Tensor inside;
        try (Scope s = Scope.open()) {
            inside = device.tensor(new float[] {1, 2}, 2).mul(2f);
            assertFalse(inside.isClosed());
        }
        assertTrue(inside.isClosed());
        assertThrows(IllegalStateException.class, inside::toFloatArray);
    }

    @Test
    void keepHandsATensorToTheEnclosingScope() {
        try (Scope outer = Scope.open()) {
            Tensor kept;
            Tensor dropped;
            try (Scope inner = Scope.open()) {
                dropped = device.tensor(new float[] {1, 2}, 2);
                kept = inner.keep(dropped.add(1f));
            }
            assertTrue(dropped.isClosed());
            assertArrayEquals(new float[] {2, 3}, kept.toFloatArray());
            outer.close();
            assertTrue(kept.isClosed());
        }
    }

    @Test
    void keepOfAViewKeepsItsBase() {
        // The GAN's fixed-noise pattern: step.keep(g.forward(z).detach()) must stay readable.
        try (Scope outer = Scope.open()) {
            Tensor detached;
            Tensor reshaped;
            try (Scope step = Scope.open()) {
                Tensor out = device.tensor(new float[] {1, 2, 3, 4}, 2, 2).mul(3f);
                detached = step.keep(out.detach());
                reshaped = step.keep(out.reshape(4).reshape(1, 4));
            }
            assertArrayEquals(new float[] {3, 6, 9, 12}, detached.toFloatArray());
            assertArrayEquals(new float[] {3, 6, 9, 12}, reshaped.toFloatArray());
            outer.close();
            assertTrue(detached.isClosed());
        }
    }

    @Test
    void keepOutsideAnyScopeDetachesForGood() {
        Tensor survivor;
        try (Scope only = Scope.open()) {
            survivor = only.keep(device.tensor(new float[] {5}, 1).detach());
        }
        assertArrayEquals(new float[] {5}, survivor.toFloatArray());
        survivor.close();
    }

    @Test
    void detachedOutlivesTheScopeAndKeepReturnsItsArgument() {
        Tensor param;
        try (Scope s = Scope.open()) {
            param = Scope.detached(() -> device.zeros(3));
            Tensor t = device.zeros(1);
            assertSame(t, s.keep(t));
        }
        assertFalse(param.isClosed());
        param.close();
    }
}
