package org.shendu.cli.sentiment;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.InputFile;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.json.Json;
import org.shendu.core.ShenduException;
import org.shendu.data.TextLines;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputPath;
import org.shendu.sentiment.SentimentModel;
import org.shendu.sentiment.rnn.LstmSentimentModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code shendu sentiment predict}: the label and probability of raw reviews given as arguments,
 * in a file (one review a line) or on standard input (one review a line).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify raw reviews (arguments, --file, or one review a line on standard input).")
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model saved by `sentiment train` (a file, or the folder of an lstm model).")
    @InputPath
    Path modelFile;

    @Option(names = "--file", paramLabel = "FILE", description = "Reviews, one a line (gzip or plain UTF-8).")
    @InputFile
    Path file;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Reviews to classify.")
    List<String> texts;

    private InputStream stdin = System.in;

    /** Reads "standard input" from {@code in} instead (for tests). */
    public void stdinForTests(InputStream in) {
        this.stdin = in;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> reviews = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (texts != null) {
            for (int i = 0; i < texts.size(); i++) {
                reviews.add(texts.get(i));
                sources.add("argument " + (i + 1));
            }
        }
        if (file != null) {
            read(TextLines.open(file), reviews, sources);
        }
        if (texts == null && file == null) {
            read(TextLines.open(stdin, "standard input"), reviews, sources);
        }
        if (reviews.isEmpty()) {
            throw new ShenduException("nothing to classify: give reviews as arguments, with --file, or on standard input");
        }
        for (int i = 0; i < reviews.size(); i++) {
            if (reviews.get(i).isBlank()) {
                throw new ShenduException(sources.get(i) + ": empty review, nothing to classify");
            }
        }
        double[] probability = LstmSentimentModel.isModel(modelFile)
                ? LstmSentimentModel.load(modelFile, device.open(threads.get())).predictProbability(reviews)
                : SentimentModel.load(modelFile, threads.get()).predictProbability(reviews);
        if (options.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < reviews.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", probability[i] > 0.5 ? "positive" : "negative");
                row.put("probability_positive", probability[i]);
                row.put("text", reviews.get(i));
                rows.add(row);
            }
            Json.print(out, rows);
        } else {
            for (int i = 0; i < reviews.size(); i++) {
                String text = reviews.get(i).strip().replaceAll("\\s+", " ");
                out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", probability[i] > 0.5 ? "positive" : "negative", probability[i],
                        text.length() > 80 ? text.substring(0, 77) + "..." : text);
            }
        }
        out.flush();
        return 0;
    }

    private static void read(TextLines lines, List<String> reviews, List<String> sources) {
        try (lines) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                reviews.add(line);
                sources.add(lines.name() + ":" + lines.lineNumber());
            }
        }
    }
}
