package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class TextLinesTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzipAlikeAndDropsCarriageReturns() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = TestFiles.write(dir, "a" + gzip, "one\r\ntwo\nthree", gzip);
            try (TextLines lines = TextLines.open(f)) {
                assertEquals("one", lines.next());
                assertEquals("two", lines.next());
                assertEquals("three", lines.next());
                assertEquals(3, lines.lineNumber());
                assertNull(lines.next());
            }
        }
    }

    @Test
    void invalidUtf8NamesTheLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i <= 5000; i++) {
            bytes.write(("line " + i + " with some text to fill buffers\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'});
        bytes.write("after\n".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("bad.txt");
        Files.write(f, bytes.toByteArray());
        ShenduException e = assertThrows(ShenduException.class, () -> {
            try (TextLines lines = TextLines.open(f)) {
                while (lines.next() != null) {
                    // read to the end
                }
            }
        });
        assertEquals(f + ":5001: invalid UTF-8", e.getMessage());
    }

    @Test
    void truncatedGzipIsOneClearLine() throws Exception {
        byte[] full = TestFiles.gzip("x\n".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("cut.gz");
        Files.write(f, Arrays.copyOf(full, full.length / 2));
        ShenduException e = assertThrows(ShenduException.class, () -> {
            try (TextLines lines = TextLines.open(f)) {
                while (lines.next() != null) {
                    // read to the end
                }
            }
        });
        assertEquals(f + ": truncated gzip file (unexpected end of compressed data)", e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.txt");
        ShenduException e = assertThrows(ShenduException.class, () -> TextLines.open(f));
        assertEquals(f + ": no such file", e.getMessage());
    }
}
