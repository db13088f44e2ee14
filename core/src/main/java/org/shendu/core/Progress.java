package org.shendu.core;

/**
 * Reports how far a long piece of work has come. Library code calls it; the command line draws a
 * progress bar (rate, ETA) from it, and tests and library users pass {@link #NONE}.
 */
public interface Progress extends AutoCloseable {

    /** Adds {@code n} done units (words, batches, bytes, ...). */
    void advance(long n);

    /** A short status shown beside the bar, e.g. {@code "loss 2.31 lr 0.021"}. */
    void status(String text);

    /** The work is over (or abandoned); the bar is finished. */
    @Override
    void close();

    /** Starts progress reports for a task of {@code total} units ({@code -1} if unknown). */
    @FunctionalInterface
    interface Factory {
        Progress start(String task, long total, String unit);

        /** Reports nothing. */
        Factory NONE = (task, total, unit) -> Progress.NONE;
    }

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void advance(long n) {}

        @Override
        public void status(String text) {}

        @Override
        public void close() {}
    };
}
