package org.shendu.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.shendu.core.json.Json;
import org.shendu.data.DataDirectory;
import org.shendu.data.Dataset;
import org.shendu.data.DatasetFetcher;
import org.shendu.data.DatasetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shendu data info|fetch}: what datasets the data directory holds, and getting them. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "List the datasets in the data directory, or download one.",
        subcommands = {DataCommand.Info.class, DataCommand.Fetch.class})
public final class DataCommand {

    /** {@code shendu data info}: every known dataset, where it was found, its record counts. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "List each known dataset, where it was found and its record counts.")
    static final class Info implements java.util.concurrent.Callable<Integer> {
        @Mixin
        CommonOptions options;

        @Mixin
        DataOption dataOption;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            DataDirectory data = dataOption.dataDirectory();
            List<DatasetInfo> infos = Stream.of(Dataset.values()).parallel().map(d -> d.inspect(data)).toList();
            if (options.json()) {
                List<Object> list = new ArrayList<>();
                for (DatasetInfo info : infos) {
                    Map<String, Object> node = Json.object("name", info.dataset().id(), "folder", info.folder(),
                            "ok", info.ok());
                    if (!info.ok()) {
                        node.put("problem", info.problem());
                    }
                    node.put("counts", info.counts());
                    list.add(node);
                }
                Json.print(out, Json.object("data_directory", data.root(), "source", data.source(), "datasets", list));
                return 0;
            }
            out.printf("data directory: %s (%s)%n", data.root(), data.source());
            for (DatasetInfo info : infos) {
                String counts = info.counts().entrySet().stream()
                        .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" · "));
                String status = info.ok() ? counts
                        : info.problem().equals("not found")
                                ? "not found: " + hint(info.dataset())
                                : (counts.isEmpty() ? "" : counts + " · ") + "problem: " + info.problem();
                out.printf("  %-18s %s%n", info.dataset().id(), status);
            }
            return 0;
        }

        private static String hint(Dataset d) {
            return d.sources().isEmpty()
                    ? "put " + d.expectedFiles() + " there by hand"
                    : "run `shendu data fetch " + d.id() + "`";
        }
    }

    /** {@code shendu data fetch NAME}: download, verify and unpack a dataset. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a dataset from its canonical address, check its checksum and unpack it.")
    static final class Fetch implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "The dataset: imdb, mnist, fashion-mnist, word-eval"
                + " (poetry and chinese-sentiment are placed by hand).")
        @OneOf({"imdb", "mnist", "fashion-mnist", "word-eval", "poetry", "chinese-sentiment"})
        String name;

        @Mixin
        CommonOptions options;

        @Mixin
        DataOption dataOption;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Dataset dataset = Dataset.named(name);
            DataDirectory data = dataOption.dataDirectory();
            var folder = new DatasetFetcher(TerminalProgress.factory(options)).fetch(dataset, data);
            DatasetInfo info = dataset.inspect(data);
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Long> counts = info.counts();
            if (options.json()) {
                Json.print(out, Json.object("name", dataset.id(), "folder", folder, "ok", info.ok(), "counts", counts));
            } else {
                out.printf("%s: %s%s%n", dataset.id(), folder, counts.isEmpty() ? "" : " " + counts);
            }
            return info.ok() ? 0 : 1;
        }
    }
}
