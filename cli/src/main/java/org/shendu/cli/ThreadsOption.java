package org.shendu.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}, for commands that work in parallel. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    @AtLeast(1)
    Integer threads;

    /** The threads asked for, else one per core. */
    public int get() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
