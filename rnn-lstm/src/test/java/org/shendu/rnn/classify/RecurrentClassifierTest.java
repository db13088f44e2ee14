package org.shendu.rnn.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;

/** Padding must not leak: a review scores the same alone and beside longer ones, for every pooling. */
class RecurrentClassifierTest {
    private static final Device CPU = Device.of("cpu");

    private static float[] logits(RecurrentClassifier model, List<int[]> seqs, int row, int width) {
        EncodedTexts data = new EncodedTexts(seqs, null);
        int[] rows = java.util.stream.IntStream.range(0, seqs.size()).toArray();
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            model.eval();
            float[] z = model.forward(data.batch(CPU, rows, width), data.lengths(rows)).toFloatArray();
            return new float[] {z[2 * row], z[2 * row + 1]};
        }
    }

    private static RecurrentClassifier model(Pooling pooling, boolean bidirectional, int layers, boolean masked) {
        CPU.manualSeed(7);
        return new RecurrentClassifier(CPU, new ClassifierConfig(12, 5, 6, layers, bidirectional, pooling, 0.2f, 0.3f, 2, masked));
    }

    @Test
    void paddingDoesNotLeakIntoAnyPooling() {
        int[] shortReview = {3, 4, 5};
        int[] longReview = {6, 7, 8, 9, 10, 11, 2, 3, 4};
        for (Pooling pooling : Pooling.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                RecurrentClassifier m = model(pooling, bi, 2, true);
                float[] alone = logits(m, List.of(shortReview), 0, 0);
                float[] padded = logits(m, List.of(shortReview, longReview), 0, 0);
                float[] widePadding = logits(m, List.of(longReview, shortReview), 1, 40);
                String what = pooling + (bi ? " bidirectional" : "");
                assertArrayEquals(alone, padded, 1e-5f, what);
                assertArrayEquals(alone, widePadding, 1e-5f, what);
            }
        }
    }

    @Test
    void aGruClassifierMasksPaddingToo() {
        int[] shortReview = {3, 4, 5};
        int[] longReview = {6, 7, 8, 9, 10, 11, 2, 3, 4};
        CPU.manualSeed(7);
        ClassifierConfig config = new ClassifierConfig(12, 5, 6, 2, true, Pooling.LAST_MEAN_MAX, 0.2f, 0.3f, 2, true,
                org.shendu.core.nn.Recurrent.Cell.GRU);
        RecurrentClassifier gru = new RecurrentClassifier(CPU, config);
        assertTrue(gru.namedParameters().containsKey("gru.weight_hh_l1_reverse"), gru.namedParameters().keySet().toString());
        assertEquals(3 * 6, gru.namedParameters().get("gru.weight_hh_l0").dim(0)); // three gates, not four
        float[] alone = logits(gru, List.of(shortReview), 0, 0);
        assertArrayEquals(alone, logits(gru, List.of(longReview, shortReview), 1, 40), 1e-5f);
        assertEquals(config, ClassifierConfig.fromMap(config.toMap()));
        // a model saved before the cell was recorded is an LSTM
        var old = new java.util.HashMap<>(config.toMap());
        old.remove("cell");
        assertEquals(org.shendu.core.nn.Recurrent.Cell.LSTM, ClassifierConfig.fromMap(old).cell());
    }

    @Test
    void withoutMaskingThePaddingChangesTheAnswer() {
        // The course notebook's model reads the state after the last padded step: the same review
        // scores differently in rows of different widths. Masked, it cannot.
        int[] review = {3, 4, 5};
        RecurrentClassifier course = model(Pooling.LAST, false, 1, false);
        float[] narrow = logits(course, List.of(review), 0, 3);
        float[] wide = logits(course, List.of(review), 0, 30);
        assertTrue(Math.abs((narrow[1] - narrow[0]) - (wide[1] - wide[0])) > 1e-3,
                "unmasked logits should depend on the padding: " + narrow[1] + " vs " + wide[1]);
        RecurrentClassifier masked = model(Pooling.LAST, false, 1, true);
        assertArrayEquals(logits(masked, List.of(review), 0, 3), logits(masked, List.of(review), 0, 30), 1e-6f);
    }

    @Test
    void maskedMeanAndMaxMatchAPlainComputation() {
        // outputs [B=2, T=3, C=2]; lengths 3 and 1; padded outputs are zero as the LSTM leaves them
        float[] y = {0.1f, -0.5f, 0.7f, -0.2f, -0.3f, -0.9f,
                     -0.4f, -0.6f, 0f, 0f, 0f, 0f};
        int[] lengths = {3, 1};
        try (Scope s = Scope.open()) {
            var outputs = CPU.tensor(y, 2, 3, 2);
            assertArrayEquals(new float[] {(0.1f + 0.7f - 0.3f) / 3, (-0.5f - 0.2f - 0.9f) / 3, -0.4f, -0.6f},
                    Pooling.mean(outputs, lengths).toFloatArray(), 1e-6f);
            // the second sequence's maximum is its one real step, not the padding's zero
            assertArrayEquals(new float[] {0.7f, -0.2f, -0.4f, -0.6f}, Pooling.max(outputs, lengths).toFloatArray(), 0f);
        }
    }

    @Test
    void maxPoolingPassesTheGradientToTheWinningStepOnly() {
        try (Scope s = Scope.open()) {
            var outputs = CPU.tensor(new float[] {0.1f, 0.9f, 0.3f, 0.5f, 0.2f}, 1, 5, 1).requiresGrad(true);
            Pooling.max(outputs, new int[] {4}).sum().backward();
            assertArrayEquals(new float[] {0, 1, 0, 0, 0}, outputs.grad().toFloatArray(), 0f);
        }
    }

    @Test
    void featureWidthCountsDirectionsAndPoolings() {
        assertEquals(3 * 2 * 6, new ClassifierConfig(12, 5, 6, 1, true, Pooling.LAST_MEAN_MAX, 0, 0, 2, true).featureWidth());
        assertEquals(6, new ClassifierConfig(12, 5, 6, 1, false, Pooling.MAX, 0, 0, 2, true).featureWidth());
    }
}
