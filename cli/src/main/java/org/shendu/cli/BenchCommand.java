package org.shendu.cli;

import picocli.CommandLine.Command;

/** {@code shendu bench WORKLOAD}: the benchmarks that run the reference systems' workloads. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark workload and print its figures (see docs/BENCHMARKS.md).",
        subcommands = {DataBenchCommand.class, org.shendu.cli.bench.Word2vecBenchCommand.class, GemmBenchCommand.class})
public final class BenchCommand {}
