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
        try {
            return ShenduCommand.commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // An Error passes picocli's exception handler; by now the work's memory is unreachable.
            System.err.println("shendu: out of Java heap memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB): give the JVM more (SHENDU_JAVA_OPTS=-Xmx8g bin/shendu ..., or java -Xmx8g -jar ...)"
                    + " or make the work smaller (--batch-size, --max-tokens)");
            return 1;
        }
    }
}
