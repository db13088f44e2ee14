package org.shendu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.shendu.core.ShenduException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code shendu} command: one subcommand per module; with no arguments it runs the tour. */
@Command(
        name = "shendu",
        mixinStandardHelpOptions = true,
        versionProvider = ShenduCommand.Version.class,
        description = "Deep learning for natural language and sequences, in Java.%n"
                + "With no command it runs the tour of every case study on the shipped samples.",
        subcommands = {
            TourCommand.class,
            org.shendu.cli.cnn.CnnCommand.class,
            DataCommand.class,
            org.shendu.cli.word2vec.Word2vecCommand.class,
            org.shendu.cli.sentiment.SentimentCommand.class,
            org.shendu.cli.poetry.PoetryCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ShenduCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return spec.commandLine().execute("tour");
    }

    /** The configured command line: errors print one line, exit codes 1 (failure) and 2 (usage). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ShenduCommand());
        WorkloadBenchCommand.register(cli.getSubcommands().get("bench"));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose")
                    || parseResult.originalArgs().contains("-v");
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("shendu: " + describe(ex));
            return 1;
        });
        return cli;
    }

    /** The message a person sees: ours as it is, anything else with its type so it is not mistaken. */
    static String describe(Throwable ex) {
        if (ex instanceof ShenduException) {
            return ex.getMessage();
        }
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            ex = ex.getCause();
        }
        if (ex instanceof IOException) {
            return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        }
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + " (run with --verbose for the stack trace)";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = ShenduCommand.class.getResourceAsStream("/shendu-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "shendu " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
