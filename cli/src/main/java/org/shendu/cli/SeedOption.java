package org.shendu.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/** {@code --seed N}, for commands with randomness: one is chosen and printed when not given. */
public final class SeedOption {
    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed; one is chosen and printed when not given.")
    Long seed;

    private Long chosen;

    /** The seed given, or one chosen now and printed to {@code err} so that the run can be repeated. */
    public long get(PrintWriter err) {
        if (seed != null) {
            return seed;
        }
        if (chosen == null) {
            chosen = new SecureRandom().nextLong() & 0xFFFF_FFFFL;
            err.println("seed " + chosen + " (repeat this run with --seed " + chosen + ")");
            err.flush();
        }
        return chosen;
    }
}
