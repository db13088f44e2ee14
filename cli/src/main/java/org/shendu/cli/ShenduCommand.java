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

    /**
     * The configured command line, as docs/cli.md describes it: every argument validated before any
     * work ({@link Validation}), errors in one line on stderr, exit 2 for a bad command line and 1 for a
     * failure while working, stack traces only with {@code --verbose}.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ShenduCommand());
        WorkloadBenchCommand.register(cli.getSubcommands().get("bench"));
        cli.setExecutionStrategy(new Validation());
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("shendu: " + usageProblem(ex) + " (see `" + c.getCommandSpec().qualifiedName()
                    + " --help`)");
            c.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose")
                    || parseResult.originalArgs().contains("-v");
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().println("shendu: " + describe(ex));
            commandLine.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    /** The first line of picocli's message, with a hint where an option is one this command does not have. */
    static String usageProblem(CommandLine.ParameterException ex) {
        String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("bad command line").strip();
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length());
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            for (String arg : u.getUnmatched()) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.equals("--device") || name.equals("--precision")) {
                    return "`" + ex.getCommandLine().getCommandSpec().qualifiedName() + "` has no " + name
                            + " option: it runs on the CPU only (only commands that run tensors take one)";
                }
            }
        }
        return message;
    }

    /**
     * The one line a person sees for a failure while working: our own messages as they are, file
     * system errors as "file: what went wrong", and anything else without its exception type.
     */
    static String describe(Throwable ex) {
        while ((ex instanceof UncheckedIOException || ex instanceof CommandLine.ExecutionException
                || ex instanceof java.util.concurrent.ExecutionException || ex instanceof java.util.concurrent.CompletionException)
                && ex.getCause() != null && ex.getCause() != ex) {
            ex = ex.getCause();
        }
        if (ex instanceof ShenduException) {
            return ex.getMessage();
        }
        if (ex instanceof java.nio.file.FileSystemException f) {
            String what = ex instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : ex instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : ex instanceof java.nio.file.NotDirectoryException ? "not a folder"
                    : ex instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : ex instanceof java.nio.file.DirectoryNotEmptyException ? "folder not empty"
                    : f.getReason() != null ? f.getReason() : "cannot be read or written";
            return (f.getFile() == null ? "" : f.getFile() + ": ") + what
                    + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
        }
        if (ex instanceof java.nio.charset.CharacterCodingException) {
            return "a text file is not valid UTF-8; convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)";
        }
        if (ex instanceof IOException) {
            return ex.getMessage() == null ? "input/output error" : ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory; give Java more with SHENDU_JAVA_OPTS=-Xmx8g bin/shendu ... (or java -Xmx8g)";
        }
        String message = ex.getMessage();
        return "internal error" + (message == null || message.isBlank() ? "" : ": " + message.lines().findFirst().orElse(""))
                + " (a bug; run again with --verbose and report the stack trace)";
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
