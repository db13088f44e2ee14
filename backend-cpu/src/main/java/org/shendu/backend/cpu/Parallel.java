package org.shendu.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a loop over {@code [0, n)} into chunks run on a fixed pool of the backend's thread count.
 * Small loops run inline: on two cores a task hand-off costs more than a few thousand flops.
 */
final class Parallel {
    /** Body over a half-open range of indices. */
    interface Range {
        void run(int from, int to);
    }

    private volatile ForkJoinPool pool;
    private volatile int threads;

    Parallel(int threads) {
        setThreads(threads);
    }

    void setThreads(int t) {
        threads = Math.max(1, t);
        ForkJoinPool old = pool;
        pool = threads > 1 ? new ForkJoinPool(threads) : null;
        if (old != null) {
            old.shutdown();
        }
    }

    int threads() {
        return threads;
    }

    /** Runs body over [0, n); {@code work} is a rough cost per index, to skip threading tiny loops. */
    void forRange(int n, long work, Range body) {
        ForkJoinPool p = pool;
        if (p == null || n < 2 || (long) n * work < 32_768 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(n, threads * 4);
        p.invoke(new Split(body, 0, n, Math.max(1, (n + chunks - 1) / chunks)));
    }

    private static final class Split extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Range body;
        private final int from, to, grain;

        Split(Range body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                body.run(from, to);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Split(body, from, mid, grain), new Split(body, mid, to, grain));
        }
    }
}
