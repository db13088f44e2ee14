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
}
