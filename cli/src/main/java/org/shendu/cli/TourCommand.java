package org.shendu.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.core.io.AtomicFiles;
import org.shendu.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code shendu tour}: the newcomer's first command. Runs every case study briefly on the shipped
 * samples, on the CPU, and writes one Markdown report with everything it made.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Run every case study briefly on the shipped samples and write a report.")
public final class TourCommand implements Callable<Integer> {

    /** The steps, in the order of the course. Each case study adds its own. */
    static List<TourStep> steps() {
        return List.of(new DataTour(), new org.shendu.cli.word2vec.Word2vecTour(),
                new org.shendu.cli.sentiment.SentimentTour(), new org.shendu.cli.sentiment.LstmTour(),
                new org.shendu.cli.poetry.PoetryTour(), new org.shendu.cli.cnn.CnnTour(), new org.shendu.cli.gan.GanTour());
    }

    @Mixin
    CommonOptions options;

    @Mixin
    SeedOption seed;

    @Mixin
    OutOption out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        // With --json the steps' text goes nowhere and one JSON document sums the tour up.
        PrintWriter out = options.json() ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
        long seed = this.seed.get(spec.commandLine().getErr());
        Path dir = this.out.get(Path.of("shendu-tour"));
        Files.createDirectories(dir);
        StringBuilder report = new StringBuilder("# Shendu tour\n\nSeed " + seed + ".\n\n");
        List<Object> done = new ArrayList<>();
        long start = System.nanoTime();
        for (TourStep step : steps()) {
            out.println();
            out.println("== " + step.title() + " ==");
            out.flush();
            long stepStart = System.nanoTime();
            String markdown = step.run(out, dir, seed);
            double seconds = (System.nanoTime() - stepStart) / 1e9;
            report.append("## ").append(step.title()).append("\n\n").append(markdown.strip())
                    .append(String.format("%n%n_%.1f s_%n%n", seconds));
            done.add(Json.object("title", step.title(), "seconds", Math.round(seconds * 10) / 10.0));
        }
        Path reportFile = dir.resolve("REPORT.md");
        AtomicFiles.writeString(reportFile, report);
        double total = (System.nanoTime() - start) / 1e9;
        if (options.json()) {
            Json.print(stdout, Json.object("seed", seed, "report", reportFile, "steps", done,
                    "seconds", Math.round(total * 10) / 10.0));
        } else {
            out.println();
            out.printf("Tour done in %.1f s; report: %s%n", total, reportFile);
        }
        return 0;
    }
}
