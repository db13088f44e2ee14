package org.shendu.cli;

import picocli.CommandLine.Option;

/**
 * The options every command has, mixed in with {@code @Mixin}: machine-readable output and
 * verbosity. The others are mixed in only where they act ({@link DataOption}, {@link SeedOption},
 * {@link ThreadsOption}, {@link OutOption}, {@link DeviceOptions}), so that no command shows an
 * option it ignores.
 */
public final class CommonOptions {

    @Option(names = "--json", description = "Print results as one JSON document (snake_case keys) on standard output.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "More logging, and stack traces on errors.")
    boolean verbose;

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }
}
