package org.shendu.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.optim.Adam;

/** Padding rows and pre-trained tables of {@link Embedding}. */
class EmbeddingTest {
    private final Device device = Device.cpu();
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
        device.manualSeed(5);
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void paddingRowStartsAtZeroAndIsNeverUpdated() {
        Embedding emb = new Embedding(device, 4, 3, 0);
        float[] w = emb.weight().toFloatArray();
        assertArrayEquals(new float[3], java.util.Arrays.copyOfRange(w, 0, 3));
        Adam adam = new Adam(emb.parameters(), 0.1f);
        Tensor ids = device.ints(new int[] {0, 1, 0, 3, 2, 0}, 2, 3);
        for (int i = 0; i < 3; i++) {
            try (Scope step = Scope.open()) {
                adam.zeroGrad();
                Tensor y = emb.forward(ids);
                assertArrayEquals(new int[] {2, 3, 3}, y.dims());
                y.mul(device.tensor(new float[] {1, 2, 3}, 3)).sum().backward();
                float[] g = emb.weight().grad().toFloatArray();
                assertArrayEquals(new float[3], java.util.Arrays.copyOfRange(g, 0, 3));
                // Row 1 is used once with upstream (1, 2, 3): its gradient is exactly that.
                assertArrayEquals(new float[] {1, 2, 3}, java.util.Arrays.copyOfRange(g, 3, 6));
                adam.step();
            }
        }
        float[] after = emb.weight().toFloatArray();
        assertArrayEquals(new float[3], java.util.Arrays.copyOfRange(after, 0, 3));
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(w, 3, 6), java.util.Arrays.copyOfRange(after, 3, 6)));
        assertEquals(1, emb.stateDict().size());
    }

    @Test
    void pretrainedKeepsValuesAndFreezes() {
        Tensor vectors = device.tensor(new float[] {0, 0, 1, 2, 3, 4}, 3, 2);
        Embedding frozen = Embedding.fromPretrained(vectors, true, Embedding.NO_PADDING);
        assertArrayEquals(vectors.toFloatArray(), frozen.weight().toFloatArray());
        assertFalse(frozen.weight().requiresGrad());
        Tensor y = frozen.forward(device.ints(new int[] {2, 1}, 2));
        assertArrayEquals(new float[] {3, 4, 1, 2}, y.toFloatArray());
        assertFalse(y.requiresGrad());

        Embedding tuned = Embedding.fromPretrained(vectors, false, 1);
        assertEquals(1, tuned.paddingIndex());
        try (Scope step = Scope.open()) {
            Tensor out = tuned.forward(device.ints(new int[] {1, 2, 1}, 3));
            // The padding row keeps its pre-trained values in the output (as PyTorch).
            assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2}, out.toFloatArray());
            out.sum().backward();
            assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1}, tuned.weight().grad().toFloatArray());
        }
        assertNull(frozen.weight().grad());
        assertThrows(IllegalArgumentException.class, () -> Embedding.fromPretrained(vectors, true, 3));
        assertTrue(frozen.toString().contains("Non-trainable params: 6"));
    }
}
