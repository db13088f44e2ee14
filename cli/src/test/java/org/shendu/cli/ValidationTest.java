package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ValidationTest {
    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--count") @AtLeast(1) Integer count;
        @Option(names = "--rate") @Positive Double rate;
        @Option(names = "--grid", split = ",") @Positive List<Double> grid;
        @Option(names = "--kind") @OneOf(value = {"a", "b"}, aliases = "old-a") String kind;
        @Option(names = "--dataset") @OneOf(value = {"named"}, orFile = true) String dataset;
        @Option(names = "--in") @InputFile Path in;
        @Option(names = "--tree") @InputPath Path tree;
        @Option(names = "--data") @FolderPath Path data;
        @Option(names = "--out") @OutputDir Path out;
        @Option(names = "--to") @OutputFile Path to;
        boolean ran;

        @Override
        public Integer call() {
            ran = true;
            return 0;
        }
    }

    /** The exit code and the first line of the error; "ran" when the command got to run. */
    private static String run(String... args) {
        Probe probe = new Probe();
        CommandLine cli = new CommandLine(probe).setExecutionStrategy(new Validation());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            return 2;
        });
        int exit = cli.execute(args);
        return probe.ran ? "ran" : exit + " " + err.toString().strip();
    }

    @Test
    void numbers() {
        assertEquals("ran", run("--count", "1", "--rate", "1e-9", "--grid", "0.1,3"));
        assertEquals("2 --count must be at least 1, got 0", run("--count", "0"));
        assertEquals("2 --rate must be a positive number, got 0.0", run("--rate", "0"));
        assertEquals("2 --rate must be a positive number, got NaN", run("--rate", "NaN"));
        assertEquals("2 --rate must be a positive number, got Infinity", run("--rate", "Infinity"));
        assertEquals("2 --grid must be a positive number, got -1.0", run("--grid", "1,-1"));
    }

    @Test
    void choices() throws Exception {
        assertEquals("ran", run("--kind", "b"));
        assertEquals("ran", run("--kind", "old-a"));
        assertEquals("2 --kind must be one of a, b, got 'c'", run("--kind", "c"));
        Path file = Files.writeString(dir.resolve("mine.tsv"), "1\tgood\n");
        assertEquals("ran", run("--dataset", "named"));
        assertEquals("ran", run("--dataset", file.toString()));
        assertEquals("2 --dataset must be one of named or an existing file, got 'nope'", run("--dataset", "nope"));
    }

    @Test
    void inputs() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        Path empty = Files.writeString(dir.resolve("e.txt"), "");
        assertEquals("ran", run("--in", file.toString(), "--tree", dir.toString(), "--data", dir.resolve("new").toString()));
        assertEquals("2 --in " + dir.resolve("no") + ": no such file", run("--in", dir.resolve("no").toString()));
        assertEquals("2 --in " + empty + ": the file is empty", run("--in", empty.toString()));
        assertEquals("2 --in " + dir + ": is a folder, expected a file", run("--in", dir.toString()));
        assertEquals("2 --tree " + dir.resolve("no") + ": no such file", run("--tree", dir.resolve("no").toString()));
        assertEquals("2 --data " + file + ": is a file, expected a folder", run("--data", file.toString()));
    }

    @Test
    void outputs() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertEquals("ran", run("--out", dir.resolve("a/b/c").toString(), "--to", dir.resolve("x/y.bin").toString()));
        assertEquals("ran", run("--out", dir.toString()));
        assertEquals("2 --out " + file + ": is a file, expected a folder to write into", run("--out", file.toString()));
        assertEquals("2 --out " + file.resolve("sub") + ": cannot be created, " + file + " is a file",
                run("--out", file.resolve("sub").toString()));
        assertEquals("2 --to " + dir + ": is a folder, expected a file name to write", run("--to", dir.toString()));
        assertEquals("ran", run("--to", file.toString()));
    }
}
