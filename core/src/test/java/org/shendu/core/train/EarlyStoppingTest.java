package org.shendu.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** Feeds the metric epoch by epoch; returns the epoch after which training stopped (0: never) and the reason. */
    static Object[] run(Callback c, String metric, double... values) {
        String[] reason = {null};
        for (int e = 1; e <= values.length; e++) {
            c.epochEnd(epoch(e, metric, values[e - 1]), r -> reason[0] = r);
            if (reason[0] != null) {
                return new Object[] {e, reason[0]};
            }
        }
        return new Object[] {0, null};
    }

    static Epoch epoch(int e, String metric, double value) {
        return new Epoch(e, e * 10L, 1.0 / e, Map.of(metric, value), 1, 100, 1e-3);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        // best 0.95 at epoch 3; epochs 4 and 5 do not beat it (0.95 ties): with patience 2, stop after epoch 5.
        EarlyStopping es = new EarlyStopping("val_accuracy", Mode.MAX, 2);
        Object[] r = run(es, "val_accuracy", 0.90, 0.92, 0.95, 0.94, 0.95, 0.99);
        assertEquals(5, r[0]);
        assertEquals(3, es.bestEpoch());
        assertEquals(0.95, es.best());
        assertTrue(((String) r[1]).contains("best 0.9500 at epoch 3"), (String) r[1]);
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping es = new EarlyStopping("val_loss", Mode.MIN, 2);
        assertEquals(0, run(es, "val_loss", 1.0, 1.1, 0.9, 1.0, 0.8, 0.85)[0]);
        // best 0.8 at epoch 5, two bad epochs after it: stop after epoch 7.
        assertEquals(7, run(new EarlyStopping("val_loss", Mode.MIN, 2), "val_loss", 1.0, 1.1, 0.9, 1.0, 0.8, 0.85, 0.81)[0]);
    }

    @Test
    void minDeltaAndZeroPatience() {
        // A gain of 0.001 is not an improvement with min delta 0.01: stop at epoch 3.
        assertEquals(3, run(new EarlyStopping("acc", Mode.MAX, 2, 0.01), "acc", 0.5, 0.501, 0.502)[0]);
        assertEquals(2, run(new EarlyStopping("acc", Mode.MAX, 0), "acc", 0.5, 0.5)[0]);
    }

    @Test
    void bestCheckpointSavesOnlyImprovingEpochs() {
        List<Integer> saved = new ArrayList<>();
        BestCheckpoint best = new BestCheckpoint("val_loss", Mode.MIN, e -> saved.add(e.epoch()));
        assertNull(run(best, "val_loss", 0.5, 0.4, 0.45, 0.3, 0.3, Double.NaN)[1]);
        assertEquals(List.of(1, 2, 4), saved);
        assertEquals(4, best.bestEpoch().epoch());
    }
}
