package org.shendu.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.bench.DataBenchmark;
import org.shendu.core.json.Json;
import org.shendu.bench.DataBenchmark.Round;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shendu bench data}: reading and tokenizing the full corpora (needs the data directory). */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Time reading + tokenizing all 100,000 IMDB reviews and smartcn on waimai_10k.")
final class DataBenchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per task after two warm-up rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DataBenchmark bench = new DataBenchmark(data.dataDirectory());
        List<Round> medians = new ArrayList<>();
        for (int n : List.of(1, threads.get())) {
            medians.add(median(rounds, () -> bench.imdb(n)));
            medians.add(median(rounds, () -> bench.chinese("waimai_10k.tsv.gz", n)));
            medians.add(median(rounds, () -> bench.chinese("ChnSentiCorp_htl_all.tsv.gz", n)));
            if (threads.get() == 1) {
                break;
            }
        }
        if (options.json()) {
            Json.print(out, medians);
            return 0;
        }
        for (Round r : medians) {
            {
                out.printf("%-36s threads %d  %6.2f s (cpu %6.2f s)  %,7d records  %,11d tokens  %,11.0f tokens/s  %,11.0f chars/s%n",
                        r.task(), r.threads(), r.seconds(), r.cpuSeconds(), r.records(), r.tokens(), r.tokensPerSecond(),
                        r.charsPerSecond());
            }
        }
        return 0;
    }

    private interface Task {
        Round run() throws Exception;
    }

    private static Round median(int rounds, Task task) throws Exception {
        // Warm-up: the first rounds pay for class loading and JIT compilation (smartcn's HMM needs two).
        task.run();
        task.run();
        List<Round> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            all.add(task.run());
        }
        all.sort(Comparator.comparingDouble(Round::seconds));
        return all.get(all.size() / 2);
    }
}
