package org.shendu.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.shendu.data.DataDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every module's commands share, mixed in with {@code @Mixin}: the data directory,
 * seed, device, threads, output folder, machine-readable output and verbosity.
 */
public final class CommonOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $SHENDU_DATA, else ~/.shendu/data).")
    Path data;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed; one is chosen and printed when not given.")
    Long seed;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Where tensors live (default: ${DEFAULT-VALUE}).")
    String device;

    /**
     * The CUDA backend reads its math mode from the system property {@code shendu.cuda.math} when it
     * loads, so the option only sets that property (before any command opens a device).
     */
    @Option(names = "--precision", paramLabel = "fp32|tf32",
            description = "Math of the CUDA device: fp32 (strict, the default, as on the CPU) or tf32 "
                    + "(cuDNN may use TF32 tensor cores). Also -Dshendu.cuda.math or $SHENDU_CUDA_MATH.")
    void precision(String mode) {
        String m = mode.trim().toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("fp32") && !m.equals("tf32")) {
            throw new ParameterException(spec.commandLine(), "--precision must be fp32 or tf32, got '" + mode + "'");
        }
        System.setProperty("shendu.cuda.math", m);
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for results (models, pictures, reports).")
    Path out;

    @Option(names = "--json", description = "Print results as JSON on standard output.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "More logging, and stack traces on errors.")
    boolean verbose;

    private Long chosenSeed;

    /** The data directory this run reads from. */
    public DataDirectory dataDirectory() {
        return DataDirectory.resolve(data);
    }

    /** The seed given, or one chosen now and printed to {@code err} so that the run can be repeated. */
    public long seed(PrintWriter err) {
        if (seed != null) {
            return seed;
        }
        if (chosenSeed == null) {
            chosenSeed = new SecureRandom().nextLong() & 0xFFFF_FFFFL;
            err.println("seed " + chosenSeed + " (repeat this run with --seed " + chosenSeed + ")");
            err.flush();
        }
        return chosenSeed;
    }

    public String device() {
        return device;
    }

    public int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
    }

    /** The output folder, or {@code fallback} when none was given. */
    public Path out(Path fallback) {
        return out == null ? fallback : out;
    }

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }
}
