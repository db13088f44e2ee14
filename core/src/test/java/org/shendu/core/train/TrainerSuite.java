package org.shendu.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.optim.LrSchedule;
import org.shendu.core.optim.Sgd;

/**
 * The training loop on a device: it trains, reads the loss only every N steps, stops on NaN with a
 * one-line message, stops early at the right epoch, applies the schedule and clipping. Every
 * backend runs it (subclass it and name the device).
 */
public abstract class TrainerSuite {
    protected abstract Device device();

    /** A least-squares fit of y = 2x + 1 on 64 points: w, b are the parameters. */
    private final class Line {
        final Tensor w = Scope.detached(() -> device().zeros(1).requiresGrad(true));
        final Tensor b = Scope.detached(() -> device().zeros(1).requiresGrad(true));
        final float[] xs = new float[64];

        Line() {
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i / 32f - 1;
            }
        }

        Tensor loss(int[] batch) {
            float[] x = new float[batch.length], y = new float[batch.length];
            for (int i = 0; i < batch.length; i++) {
                x[i] = xs[batch[i]];
                y[i] = 2 * x[i] + 1;
            }
            Tensor pred = device().tensor(x, batch.length).mul(w).add(b);
            return pred.sub(device().tensor(y, batch.length)).square().mean();
        }
    }

    @Test
    void fitsALineReadingTheLossEveryNSteps() {
        Line line = new Line();
        Sgd sgd = new Sgd(List.of(line.w, line.b), 0.3f);
        List<Long> reads = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void lossRead(long step, float loss) {
                reads.add(step);
            }
        };
        Trainer.Result r = Trainer.builder(Batches.of(64, 8).shuffled(1), 12).optimizer(sgd).logEvery(3).callback(spy)
                .evaluation(e -> Map.of("w", (double) line.w.item())).build().fit(line::loss);
        assertEquals(12, r.epochs().size());
        assertNull(r.stopReason());
        assertEquals(96, r.last().steps());
        assertEquals(2.0, r.last().metric("w"), 1e-3);
        assertEquals(1.0, line.b.item(), 1e-3);
        assertTrue(r.last().trainLoss() < 1e-5, "loss " + r.last().trainLoss());
        // Every third step, plus the last step of each epoch when it is not a multiple of 3.
        assertEquals(3L, reads.get(0));
        assertEquals(6L, reads.get(1));
        assertEquals(8L, reads.get(2));
        assertEquals(12 * 8 / 3 + 8, reads.size(), reads.toString()); // 32 multiples of 3, and 8 epoch ends (16, 32, ...) that are not
    }

    @Test
    void aNanLossStopsWithOneLineSayingWhere() {
        Line line = new Line();
        Sgd sgd = new Sgd(List.of(line.w, line.b), 0.1f);
        Trainer.Step poisoned = batch -> sgd.steps() == 6 ? line.loss(batch).mul(device().scalar(Float.NaN)) : line.loss(batch);
        TrainingDiverged e = assertThrows(TrainingDiverged.class,
                () -> Trainer.builder(Batches.of(64, 16), 5).optimizer(sgd).logEvery(1).build().fit(poisoned));
        assertEquals(2, e.epoch());
        assertEquals(7, e.step());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().startsWith("training diverged: loss NaN at epoch 2, step 7"), e.getMessage());
        // Read every 4 steps, the same NaN is seen at step 8 (the weights are NaN from step 7 on).
        Line again = new Line();
        Sgd sgd2 = new Sgd(List.of(again.w, again.b), 0.1f);
        Trainer.Step poisoned2 = batch -> sgd2.steps() == 6 ? again.loss(batch).mul(device().scalar(Float.NaN)) : again.loss(batch);
        assertEquals(8, assertThrows(TrainingDiverged.class,
                () -> Trainer.builder(Batches.of(64, 16), 5).optimizer(sgd2).logEvery(4).build().fit(poisoned2)).step());
    }

    @Test
    void earlyStoppingEndsTheLoopAtTheRightEpochAndTheBestIsKept() {
        Line line = new Line();
        Sgd sgd = new Sgd(List.of(line.w, line.b), 0.1f);
        double[] val = {0.5, 0.6, 0.7, 0.65, 0.69, 0.8, 0.9};
        List<Integer> saved = new ArrayList<>();
        Trainer.Result r = Trainer.builder(Batches.of(64, 32), 7).optimizer(sgd)
                .evaluation(e -> Map.of("val_accuracy", val[e - 1]))
                .callback(new BestCheckpoint("val_accuracy", Mode.MAX, e -> saved.add(e.epoch())))
                .callback(new EarlyStopping("val_accuracy", Mode.MAX, 2))
                .build().fit(line::loss);
        assertEquals(5, r.epochs().size());
        assertNotNull(r.stopReason());
        assertEquals(List.of(1, 2, 3), saved);
    }

    @Test
    void theScheduleSetsEveryStepsRateAndClippingBoundsTheUpdate() {
        Line line = new Line();
        Sgd sgd = new Sgd(List.of(line.w, line.b), 1f);
        List<Float> rates = new ArrayList<>();
        Callback spy = new Callback() {
            @Override
            public void lossRead(long step, float loss) {
                rates.add(sgd.learningRate());
            }
        };
        LrSchedule schedule = LrSchedule.stepDecay(1e-3f, 0.5f, 2);
        Trainer.builder(Batches.of(64, 64), 5).optimizer(sgd).schedule(schedule).clipNorm(1e-4f).logEvery(1).callback(spy)
                .build().fit(line::loss);
        for (int t = 0; t < 5; t++) {
            assertEquals(schedule.rate(t), rates.get(t), 0, "step " + t);
        }
        // Five steps with rate <= 1e-3 and a gradient norm clipped to 1e-4: each moves (w, b) by at most 1e-7.
        double moved = Math.hypot(line.w.item(), line.b.item());
        assertTrue(moved > 0 && moved <= 5e-7 * 1.0001, "moved " + moved);
        assertThrows(IllegalStateException.class, () -> Trainer.builder(Batches.of(4, 2), 1).schedule(schedule).build());
    }
}
