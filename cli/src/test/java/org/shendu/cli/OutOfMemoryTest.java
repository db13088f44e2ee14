package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of Java heap (an Error, which picocli's handler does not see) is one line and exit 1. */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapIsOneLineAndExitOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The sample's LSTM training needs more than 96 MiB; 48 MiB runs out inside the first epoch.
        Process p = new ProcessBuilder(java, "-Xmx48m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "org.shendu.cli.Main",
                "sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--seed", "1", "--no-test",
                "--out", dir.toString(), "--data", dir.toString(), "--device", "cpu")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        // (the MiB the JVM reports depends on its collector: a survivor space may not count)
        assertTrue(out.matches("(?s).*shendu: out of Java heap memory \\(\\d+ MiB\\): give the JVM more .*"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }
}
