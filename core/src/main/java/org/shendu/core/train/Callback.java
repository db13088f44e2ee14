package org.shendu.core.train;

/**
 * A hook into {@link Trainer#fit}: early stopping, keeping the best checkpoint, plateau schedules,
 * logging. Every method does nothing unless overridden.
 */
public interface Callback {

    /** Before the first step of epoch {@code epoch} (from 1). */
    default void epochStart(int epoch) {}

    /** Each time the loop reads the loss from the device (every {@code logEvery} steps). */
    default void lossRead(long step, float loss) {}

    /** After the epoch's evaluation; call {@code stop.because(...)} to end training after this epoch. */
    default void epochEnd(Epoch epoch, Stop stop) {}

    /** Ends the training after the current epoch. */
    @FunctionalInterface
    interface Stop {
        /** Stops, with a one-line reason that {@link Trainer.Result#stopReason()} reports. */
        void because(String reason);
    }
}
