package org.shendu.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryMetricsTest {

    @Test
    void rocAucWithTiesMatchesScikitLearn() {
        int[] y = {0, 0, 1, 1, 1, 0, 1, 0};
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2};
        // roc_auc_score(y, s) in scikit-learn 1.2.1
        assertEquals(0.8125, RocCurve.of(y, s).area(), 1e-12);
        BinaryMetrics m = BinaryMetrics.of(y, s);
        // Threshold 0.5: predicted positive = {0.8, 0.9}; tp 2, fp 0, fn 2, tn 4.
        assertArrayEquals(new long[] {4, 0}, m.confusionMatrix()[0]);
        assertArrayEquals(new long[] {2, 2}, m.confusionMatrix()[1]);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(2 / 3.0, m.f1(), 1e-12);
    }

    @Test
    void curveRunsFromOriginToOne() {
        RocCurve c = RocCurve.of(new int[] {1, 0, 1}, new double[] {0.9, 0.1, 0.5});
        assertEquals(0, c.falsePositiveRate()[0]);
        assertEquals(1.0, c.truePositiveRate()[c.truePositiveRate().length - 1]);
        assertEquals(1.0, c.area(), 1e-12);
    }

    @Test
    void picture(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("roc.png");
        RocCurvePicture.write(RocCurve.of(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.3, 0.6, 0.7}), "test", png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    }

    @Test
    void stratifiedFoldsKeepProportionsAndCoverEverything() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
        }
        List<StratifiedKFold.Fold> folds = new StratifiedKFold(5, 42).split(labels);
        boolean[] seen = new boolean[labels.length];
        for (StratifiedKFold.Fold f : folds) {
            int positives = 0;
            for (int i : f.test()) {
                assertTrue(!seen[i]);
                seen[i] = true;
                positives += labels[i];
            }
            assertTrue(positives == 6 || positives == 7, "positives " + positives);
            assertEquals(labels.length, f.train().length + f.test().length);
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        assertThrows(org.shendu.core.ShenduException.class, () -> new StratifiedKFold(5, 1).split(new int[] {1, 1, 0, 0, 0, 0, 0}));
    }
}
