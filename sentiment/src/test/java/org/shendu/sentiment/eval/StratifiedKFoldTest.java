package org.shendu.sentiment.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {

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
