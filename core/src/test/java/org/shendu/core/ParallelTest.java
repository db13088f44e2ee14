package org.shendu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyTaskRunsOnceOnUpToTheGivenThreads() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.run(3, 1000, t -> {
            runs.incrementAndGet(t);
            threads.add(Thread.currentThread());
        });
        for (int t = 0; t < 1000; t++) {
            assertEquals(1, runs.get(t), "task " + t);
        }
        assertTrue(threads.size() <= 3, threads.toString());
    }

    @Test
    void oneThreadRunsInlineInOrder() {
        StringBuilder order = new StringBuilder();
        Parallel.run(1, 4, t -> order.append(t));
        assertEquals("0123", order.toString());
    }

    @Test
    void theFirstFailureReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(2, 50, t -> {
            if (t == 17) {
                throw new IllegalStateException("task 17 failed");
            }
        }));
        assertEquals("task 17 failed", e.getMessage());
    }
}
