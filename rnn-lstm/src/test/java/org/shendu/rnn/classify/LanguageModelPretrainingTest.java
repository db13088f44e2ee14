package org.shendu.rnn.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Progress;

/** The language-model targets, and pretraining that learns a predictable text without touching the classifier's head. */
class LanguageModelPretrainingTest {
    private static final Device CPU = Device.of("cpu");

    @Test
    void targetsAreTheNextAndThePreviousRealWord() {
        EncodedTexts data = new EncodedTexts(List.of(new int[] {2, 3, 4}, new int[] {5, 6}), null);
        int[] rows = {0, 1};
        // forward: steps 0, 1 aim at words 1, 2; in the short text, id 6 is beyond 5 outputs (unknown), then padding
        assertArrayEquals(new int[] {3, 4, 1, 0}, LanguageModelPretraining.targets(data, rows, 3, 5, 1));
        // reverse: steps 1, 2 aim at words 0, 1; the short text's step 2 is padding and aims at nothing
        assertArrayEquals(new int[] {2, 3, 1, 0}, LanguageModelPretraining.targets(data, rows, 3, 5, -1));
    }

    /** Texts cycling through ids 2..7 from a random start: each word fixes the next and the previous one. */
    private static EncodedTexts cycles(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] t = new int[2 + r.nextInt(15)];
            int start = r.nextInt(6);
            for (int k = 0; k < t.length; k++) {
                t[k] = 2 + (start + k) % 6;
            }
            ids.add(t);
        }
        return new EncodedTexts(ids, null);
    }

    @Test
    void learnsAPredictableTextInBothDirections() {
        ClassifierConfig config = new ClassifierConfig(8, 6, 8, 1, true, Pooling.MEAN_MAX, 0f, 0.2f, 2, true);
        CPU.manualSeed(5);
        RecurrentClassifier model = new RecurrentClassifier(CPU, config);
        float[] head = model.stateDict().get("output.weight").toFloatArray();
        float[] lstm = model.stateDict().get("lstm.weight_hh_l0_reverse").toFloatArray();
        List<LanguageModelPretraining.Epoch> epochs = new LanguageModelPretraining(CPU, Progress.Factory.NONE,
                new LanguageModelPretraining.Options(6, 8, 16, 2e-2f, 5f, 1)).run(model, cycles(200, 2));
        assertEquals(6, epochs.size());
        double first = epochs.get(0).loss(), last = epochs.get(5).loss();
        assertTrue(first > 1.0, "the first epoch starts near ln 6: " + first);
        assertTrue(last < 0.15, "a cycle is predictable both ways: loss " + last);
        assertArrayEquals(head, model.stateDict().get("output.weight").toFloatArray(), 0f);
        assertFalse(Arrays.equals(lstm, model.stateDict().get("lstm.weight_hh_l0_reverse").toFloatArray()),
                "the reverse direction learns too");
    }

    @Test
    void theClassifierTrainerPretrainsFirstAndStillLearnsItsTask() {
        // label: whether the cycle starts on an even id; the language model sees the texts, not the labels
        EncodedTexts cycles = cycles(160, 3);
        int[] labels = cycles.ids().stream().mapToInt(t -> t[0] % 2).toArray();
        ClassifierConfig config = new ClassifierConfig(8, 6, 8, 1, true, Pooling.LAST_MEAN_MAX, 0f, 0f, 2, true);
        List<LanguageModelPretraining.Epoch> lm = new ArrayList<>();
        ClassifierTrainer.Result r = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .pretraining(new LanguageModelPretraining(CPU, Progress.Factory.NONE,
                        new LanguageModelPretraining.Options(2, 8, 16, 2e-2f, 5f, 1)).listener(lm::add), cycles(100, 4))
                .train(config, null, new EncodedTexts(cycles.ids(), labels),
                        new TrainingOptions(8, 16, 1e-2f, 0f, 5f, EmbeddingMode.FINE_TUNED, 0.2, 8, true, 3));
        assertEquals(2, lm.size());
        assertTrue(r.best().valAccuracy() >= 0.95, "validation accuracy " + r.best().valAccuracy());
    }
}
