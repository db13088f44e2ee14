package org.shendu.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.core.io.AtomicFiles;
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
                new org.shendu.cli.cnn.CnnTour());
    }

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long seed = options.seed(spec.commandLine().getErr());
        Path dir = options.out(Path.of("shendu-tour"));
        Files.createDirectories(dir);
        StringBuilder report = new StringBuilder("# Shendu tour\n\nSeed " + seed + ".\n\n");
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
        }
        Path reportFile = dir.resolve("REPORT.md");
        AtomicFiles.writeString(reportFile, report);
        out.println();
        out.printf("Tour done in %.1f s; report: %s%n", (System.nanoTime() - start) / 1e9, reportFile);
        return 0;
    }
}
