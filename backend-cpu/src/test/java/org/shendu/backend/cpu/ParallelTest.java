package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The backend's loop splitter: every index once, on several threads, failures passed on, no hang. */
class ParallelTest {
    private static final long BIG = Parallel.MIN_WORK;

    @Test
    void everyIndexRunsExactlyOnceOverManyLoops() {
        Parallel p = new Parallel(3);
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int rep = 0; rep < 2000; rep++) {
                int n = 1 + rep % 97;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                p.forRange(n, BIG, (a, b) -> {
                    for (int i = a; i < b; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "n = " + n + ", index " + i);
                }
            }
        });
        p.setThreads(1);
    }

    @Test
    void workersShareALargeLoopAndSmallLoopsStayOnTheCaller() throws Exception {
        Parallel p = new Parallel(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int rep = 0; rep < 200 && names.size() < 2; rep++) {
            p.forRange(64, BIG, (a, b) -> {
                names.add(Thread.currentThread().getName());
                long t = System.nanoTime();
                while (System.nanoTime() - t < 20_000) {
                    Thread.onSpinWait();
                }
            });
        }
        assertEquals(2, names.size(), "threads seen: " + names);
        Set<String> small = ConcurrentHashMap.newKeySet();
        p.forRange(64, 1, (a, b) -> small.add(Thread.currentThread().getName()));
        assertEquals(Set.of(Thread.currentThread().getName()), small);
        p.setThreads(1);
    }

    @Test
    void aFailureInAChunkReachesTheCaller() {
        Parallel p = new Parallel(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.forRange(100, BIG, (a, b) -> {
            if (a <= 50 && 50 < b) {
                throw new IllegalStateException("chunk with 50");
            }
        }));
        assertEquals("chunk with 50", e.getMessage());
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        p.forRange(10, BIG, (a, b) -> {
            for (int i = a; i < b; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(1, hits.get(i));
        }
        p.setThreads(1);
    }

    @Test
    void nestedAndConcurrentLoopsRunInline() throws Exception {
        Parallel p = new Parallel(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(40 * 40);
        Runnable loop = () -> p.forRange(40, BIG, (a, b) -> {
            for (int i = a; i < b; i++) {
                int row = i;
                p.forRange(40, BIG, (c, d) -> {
                    for (int j = c; j < d; j++) {
                        hits.incrementAndGet(row * 40 + j);
                    }
                });
            }
        });
        Thread other = new Thread(loop);
        other.start();
        loop.run();
        other.join(20_000);
        assertTrue(!other.isAlive(), "the second caller finished");
        for (int i = 0; i < hits.length(); i++) {
            assertEquals(2, hits.get(i), "index " + i);
        }
        p.setThreads(1);
    }
}
