package org.shendu.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.bench.GemmBenchmark;
import org.shendu.core.Device;
import org.shendu.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu bench gemm}: the anchors' matrix-product workload, one JSON line (TFLOP/s). */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = "Time n x n matrix products as anchors/WORKLOADS.md's gemm (n 2048, 3 rounds of 2 on the CPU) and print one JSON line.")
public final class GemmBenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Option(names = "--n", defaultValue = "2048", paramLabel = "N", description = "Matrix size (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int n;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int rounds;

    @Option(names = "--reps", defaultValue = "2", description = "Products per round (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int reps;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Device opened = device.open(threads.get());
        Map<String, Object> rec = GemmBenchmark.run(opened, threads.get(), n, rounds, reps);
        Json.print(spec.commandLine().getOut(), rec);
        return 0;
    }
}
