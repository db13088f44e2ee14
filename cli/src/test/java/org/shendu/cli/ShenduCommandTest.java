package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShenduCommandTest {

    @Test
    void versionAndHelp() {
        Cli version = Cli.run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("shendu "), version.out());
        Cli help = Cli.run("--help");
        assertEquals(0, help.exit());
        for (String sub : new String[] {"tour", "data", "bench"}) {
            assertTrue(help.out().contains(sub), "help lists " + sub);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli r = Cli.run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
    }

    @Test
    void precisionIsCheckedAndReachesTheCudaBackend() {
        String before = System.getProperty("shendu.cuda.math");
        try {
            Cli bad = Cli.run("bench", "cnn_mnist", "--precision", "fp16");
            assertEquals(2, bad.exit());
            assertTrue(bad.err().contains("--precision must be one of fp32, tf32, got 'fp16'"), bad.err());
            Cli cpuOnly = Cli.run("data", "info", "--precision", "tf32");
            assertEquals(2, cpuOnly.exit());
            assertEquals("shendu: `shendu data info` has no --precision option: it runs on the CPU only (only commands"
                    + " that run tensors take one) (see `shendu data info --help`)", cpuOnly.err().strip());
            Cli good = Cli.run("bench", "cnn_mnist", "--precision", "tf32", "--device", "cpu", "--warmup", "0",
                    "--rounds", "1", "--steps", "1", "--threads", "1");
            assertEquals(0, good.exit(), good.err());
            assertEquals("tf32", System.getProperty("shendu.cuda.math"));
        } finally {
            if (before == null) {
                System.clearProperty("shendu.cuda.math");
            } else {
                System.setProperty("shendu.cuda.math", before);
            }
        }
    }
}
