package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryStepAndWritesTheReport() throws Exception {
        Cli r = Cli.run("tour", "--seed", "3", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("== data: samples, tokenizers, vocabulary =="), r.out());
        assertTrue(r.out().contains("酒店"), "Chinese tokenization is shown");
        String report = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(report.startsWith("# Shendu tour\n\nSeed 3."), report);
        for (TourStep step : TourCommand.steps()) {
            assertTrue(report.contains("## " + step.title()), "report has " + step.title());
        }
    }

    @Test
    void chosenSeedIsPrinted() {
        Cli r = Cli.run("tour", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().matches("(?s)seed \\d+ \\(repeat this run with --seed \\d+\\).*"), r.err());
    }
}
