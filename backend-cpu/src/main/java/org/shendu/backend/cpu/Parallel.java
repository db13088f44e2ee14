package org.shendu.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits a loop over {@code [0, n)} into chunks shared by the calling thread and {@code threads - 1}
 * sleeping workers. The caller does not hand the loop off and wait: it wakes the workers and takes
 * chunks itself, each thread claiming the next chunk until none is left, and then waits only for
 * the chunks a worker has already started. On a busy machine a worker that the scheduler does not
 * run costs nothing (the caller does its share), and idle workers sleep instead of spinning.
 * Small loops run inline: below {@link #MIN_WORK} rough operations, waking a thread (a few
 * microseconds) costs more than the loop.
 */
final class Parallel {
    /** Body over a half-open range of indices. */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Loops with fewer rough operations than this run on the calling thread. Measured on the
     * 2-core machine under load (load average 10-15, 2026-12-05): a tanh loop split in 64 rows took
     * 15 us on one thread and 15-18 us offered to two (the worker rarely arrived in time: an
     * attempt costs the caller 2-5 us), and 0.13-0.16 ms instead of 0.22-0.41 ms at 256 K
     * elements. A parked worker wakes in tens of microseconds, so loops much shorter than that
     * cannot gain; this bound (64 K elements of a binary op, 8 K of a unary one, an LSTM step of
     * 64 sequences of 256 units) keeps the shortest inline.
     */
    static final long MIN_WORK = 65_536;

    private static final int CHUNKS_PER_THREAD = 4;
    private static final int SPINS = 1 << 10;

    private volatile Worker[] workers = new Worker[0];
    private volatile int threads;
    private final AtomicReference<Job> running = new AtomicReference<>();

    Parallel(int threads) {
        setThreads(threads);
    }

    synchronized void setThreads(int t) {
        threads = Math.max(1, t);
        for (Worker w : workers) {
            w.stop();
        }
        Worker[] fresh = new Worker[threads - 1];
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = new Worker(i + 1);
            fresh[i].thread.start();
        }
        workers = fresh;
    }

    int threads() {
        return threads;
    }

    /** Runs body over [0, n); {@code work} is a rough cost per index, to skip threading tiny loops. */
    void forRange(int n, long work, Range body) {
        Worker[] ws = workers;
        if (ws.length == 0 || n < 2 || (long) n * work < MIN_WORK || Thread.currentThread() instanceof WorkerThread) {
            body.run(0, n);
            return;
        }
        Job job = new Job(body, n, Math.min(n, (ws.length + 1) * CHUNKS_PER_THREAD), Thread.currentThread());
        if (!running.compareAndSet(null, job)) {
            body.run(0, n); // another thread's loop holds the workers
            return;
        }
        try {
            for (Worker w : ws) {
                w.offer(job);
            }
            job.work();
            job.awaitChunks();
        } finally {
            running.set(null);
        }
        job.rethrow();
    }

    /** One parallel loop: chunks claimed in order, counted when finished. */
    private static final class Job {
        final Range body;
        final int n, chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger(), finished = new AtomicInteger();
        volatile Throwable failure;

        Job(Range body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
        }

        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        body.run((int) ((long) c * n / chunks), (int) ((long) (c + 1) * n / chunks));
                    }
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    if (finished.incrementAndGet() == chunks && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Waits for the chunks other threads are still running: a short spin, then sleep. */
        void awaitChunks() {
            for (int spin = 0; finished.get() < chunks; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 100_000);
                }
            }
        }

        void rethrow() {
            Throwable e = failure;
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class WorkerThread extends Thread {
        WorkerThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    /** A daemon thread that sleeps until it is offered a loop, then takes chunks of it. */
    private static final class Worker implements Runnable {
        final Thread thread;
        private final AtomicReference<Job> job = new AtomicReference<>();
        private volatile boolean stopped;

        Worker(int index) {
            thread = new WorkerThread(this, "shendu-cpu-" + index);
        }

        void offer(Job j) {
            job.set(j);
            LockSupport.unpark(thread);
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (!stopped) {
                Job j = job.getAndSet(null);
                if (j == null) {
                    LockSupport.park(this);
                } else {
                    j.work();
                }
            }
        }
    }
}
