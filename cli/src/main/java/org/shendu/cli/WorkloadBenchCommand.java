package org.shendu.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.bench.TrainingBenchmark;
import org.shendu.bench.TrainingWorkload;
import org.shendu.core.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shendu bench WORKLOAD}: one of the five training workloads of anchors/WORKLOADS.md,
 * printing one JSON line with the anchor script's fields. Registered once per workload name.
 */
@Command(mixinStandardHelpOptions = true,
        description = "Time a training workload of anchors/WORKLOADS.md (CPU preset by default) and print one JSON line.")
public final class WorkloadBenchCommand implements Callable<Integer> {
    private final String workload;

    @Mixin
    CommonOptions options;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--steps", description = "Steps per round (default: the anchor's CPU preset).")
    Integer steps;

    @Spec
    CommandSpec spec;

    public WorkloadBenchCommand(String workload) {
        this.workload = workload;
    }

    /** Adds one subcommand per workload to {@code shendu bench}. */
    static void register(picocli.CommandLine bench) {
        for (String name : TrainingWorkload.NAMES) {
            bench.addSubcommand(name, new WorkloadBenchCommand(name));
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int threads = options.threads();
        Device device = Device.of(options.device()).threads(threads);
        int n = steps != null ? steps : TrainingWorkload.cpuSteps(workload);
        Map<String, Object> rec = TrainingBenchmark.run(workload, device, threads, warmup, rounds, n);
        // Always JSON: the line is what the comparison with the PyTorch anchor reads.
        out.println(new ObjectMapper().writeValueAsString(rec));
        if (!Boolean.TRUE.equals(rec.get("finite"))) {
            spec.commandLine().getErr().printf(Locale.ROOT, "shendu: %s: final loss is not finite (%s)%n", workload, rec.get("loss"));
            return 1;
        }
        return 0;
    }
}
