package org.shendu.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.bench.TrainingBenchmark;
import org.shendu.bench.TrainingWorkload;
import org.shendu.core.Device;
import org.shendu.core.json.Json;
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

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed steps (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    int warmup;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int rounds;

    @Option(names = "--steps", description = "Steps per round (default: the anchor's CPU preset).")
    @AtLeast(1)
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
        int n = steps != null ? steps : TrainingWorkload.cpuSteps(workload);
        Device opened = device.open(threads.get());
        Map<String, Object> rec = TrainingBenchmark.run(workload, opened, threads.get(), warmup, rounds, n);
        // Always JSON: the line is what the comparison with the PyTorch anchor reads.
        Json.print(out, rec);
        if (!Boolean.TRUE.equals(rec.get("finite"))) {
            spec.commandLine().getErr().printf(Locale.ROOT, "shendu: %s: final loss is not finite (%s)%n", workload, rec.get("loss"));
            return 1;
        }
        return 0;
    }
}
