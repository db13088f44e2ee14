package org.shendu.cli;

import picocli.CommandLine;

/** Entry point of {@code shendu.jar}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the launcher and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return ShenduCommand.commandLine().execute(args);
    }
}
