package org.shendu.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one thread pool of the modules above the backends: numbered tasks run on the calling thread
 * plus {@code threads - 1} pooled daemon workers, each taking the next task number until none is
 * left (dynamic scheduling, so uneven tasks balance). The first exception reaches the caller and
 * the tasks not yet started are skipped. The pool is shared and its threads are daemons, so a
 * library user never has to shut it down.
 */
public final class Parallel {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shendu-worker");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    /** Runs {@code task.accept(0) .. task.accept(tasks - 1)} on up to {@code threads} threads. */
    public static void run(int threads, int tasks, IntConsumer task) {
        int workers = Math.max(1, Math.min(threads, tasks));
        if (workers == 1) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                task.accept(t);
            }
        };
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[workers - 1];
        for (int w = 0; w < workers - 1; w++) {
            futures[w] = POOL.submit(worker);
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            next.set(tasks);
            failure = e instanceof RuntimeException re ? re : new RuntimeException(e);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
