package org.shendu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final long[] now = {0};

    private String run(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = ConsoleProgress.factory(out, terminal, 10_000, () -> now[0]).start("epoch 1/3", 100, "batches")) {
            for (int i = 0; i < 100; i++) {
                now[0] += 1_000_000_000L; // one batch a second
                p.status("loss " + (100 - i));
                p.advance(1);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRedirectedLogGetsPlainLinesEveryIntervalAndNoCarriageReturns() {
        String log = run(false);
        assertFalse(log.contains("\r"), "no carriage return in a log");
        String[] lines = log.split("\n");
        assertEquals(10, lines.length, log); // every 10 s over 100 s; closing adds no line that repeats the last
        assertEquals("epoch 1/3  10% 10/100 batches, 1.00/s, 0:10, ETA 1:30, loss 91", lines[0]);
        assertEquals("epoch 1/3 100% 100/100 batches, 1.00/s, 1:40, loss 1", lines[9]);
    }

    @Test
    void closingEarlyPrintsWhereItStopped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = ConsoleProgress.factory(out, false, 10_000, () -> now[0]).start("fetch", -1, "bytes")) {
            now[0] += 2_000_000_000L;
            p.advance(4096);
        }
        assertEquals("fetch 4096 bytes, 2048/s, 0:02\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTerminalGetsOneBarRedrawnInPlace() {
        String bar = run(true);
        assertTrue(bar.startsWith("\repoch 1/3 [" + " ".repeat(24) + "]   0% 0/100"), bar.substring(0, 60));
        assertTrue(bar.contains("\repoch 1/3 [========================] 100% 100/100 batches"), bar);
        assertTrue(bar.endsWith("\n"));
        assertEquals(1, bar.split("\n").length, "one line, redrawn");
    }
}
