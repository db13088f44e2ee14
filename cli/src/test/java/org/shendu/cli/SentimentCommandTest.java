package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.cli.sentiment.PredictCommand;
import picocli.CommandLine;

/** Smoke tests of {@code shendu sentiment train|evaluate|predict} on the shipped samples. */
class SentimentCommandTest {
    @TempDir
    Path dir;

    private Path trainNb() {
        Path model = dir.resolve("nb.model");
        Cli r = Cli.run("sentiment", "train", "--recipe", "nb", "--dataset", "sample-imdb", "--seed", "1",
                "--out", dir.toString(), "--model", model.toString(), "--data", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("test on sample-imdb/test"), r.out());
        return model;
    }

    @Test
    void ngramsWidenTheFeatures() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long[] features = new long[4];
        for (int n = 1; n <= 3; n++) {
            Cli r = Cli.run("sentiment", "train", "--recipe", "nbsvm", "--ngrams", Integer.toString(n), "--c", "1",
                    "--dataset", "sample-imdb", "--seed", "1", "--no-test", "--json", "--out", dir.toString(),
                    "--data", dir.toString());
            assertEquals(0, r.exit(), r.err());
            features[n] = json.readTree(r.out()).get("n_features").asLong();
        }
        assertTrue(features[1] < features[2] && features[2] < features[3], java.util.Arrays.toString(features));
        Cli bad = Cli.run("sentiment", "train", "--recipe", "nbsvm", "--ngrams", "0", "--dataset", "sample-imdb",
                "--out", dir.toString(), "--data", dir.toString());
        assertEquals(2, bad.exit());
        assertEquals("shendu: --ngrams must be at least 1, got 0 (see `shendu sentiment train --help`)\n", bad.err());
    }

    @Test
    void trainEvaluatePredict() throws Exception {
        Path model = trainNb();
        assertTrue(Files.exists(dir.resolve("roc-nb.png")));
        Cli e = Cli.run("sentiment", "evaluate", "--model", model.toString(), "--dataset", "sample-imdb",
                "--json", "--out", dir.toString(), "--seed", "1");
        assertEquals(0, e.exit(), e.err());
        JsonNode report = new ObjectMapper().readTree(e.out());
        assertTrue(report.get("metrics").get("roc_auc").asDouble() > 0.8, e.out());
        Cli p = Cli.run("sentiment", "predict", "--model", model.toString(), "A wonderful, moving film.",
                "Dull and stupid, the worst movie ever.");
        assertEquals(0, p.exit(), p.err());
        String[] lines = p.out().split("\n");
        assertTrue(lines[0].startsWith("positive\t"), p.out());
        assertTrue(lines[1].startsWith("negative\t"), p.out());
        Path reviews = dir.resolve("reviews.txt");
        Files.writeString(reviews, "great fun\nawful\n");
        Cli f = Cli.run("sentiment", "predict", "--model", model.toString(), "--file", reviews.toString(), "--json");
        assertEquals(0, f.exit(), f.err());
        assertEquals(2, new ObjectMapper().readTree(f.out()).size());
    }

    @Test
    void predictReadsStandardInputAndRejectsEmptyReviews() {
        Path model = trainNb();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PredictCommand ok = new PredictCommand();
        ok.stdinForTests(new ByteArrayInputStream("loved it\nhated it\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, predict(ok, out, err, "--model", model.toString()), err.toString());
        assertEquals(2, out.toString().lines().count(), out.toString());
        PredictCommand empty = new PredictCommand();
        empty.stdinForTests(new ByteArrayInputStream("loved it\n\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, predict(empty, out, err, "--model", model.toString()));
        assertEquals("shendu: standard input:2: empty review, nothing to classify\n", err.toString());
    }

    /** Runs {@code sentiment predict} through a command object whose standard input the test chose. */
    private static int predict(PredictCommand command, StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(ShenduCommand.commandLine().getExecutionExceptionHandler());
        return cli.execute(args);
    }

    @Test
    void crossValidateChineseSample() throws Exception {
        Cli r = Cli.run("sentiment", "evaluate", "--recipe", "nb", "--dataset", "sample-waimai", "--folds", "3",
                "--json", "--seed", "2", "--data", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(3, report.get("per_fold").size());
        assertTrue(report.get("accuracy_mean").asDouble() > 0.7, r.out());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path notModel = dir.resolve("x.model");
        Files.writeString(notModel, "hello");
        Cli r = Cli.run("sentiment", "predict", "--model", notModel.toString(), "good");
        assertEquals(1, r.exit());
        assertEquals("shendu: " + notModel + ": not a shendu sentiment model (not a safetensors file)\n", r.err());
        Path labels = dir.resolve("bad.tsv");
        Files.writeString(labels, "label\ttext\n1\tgood\nx\tbad\n");
        r = Cli.run("sentiment", "train", "--recipe", "nb", "--dataset", labels.toString(), "--out", dir.toString(),
                "--seed", "1");
        assertEquals(1, r.exit());
        assertEquals("shendu: " + labels + ":3: bad label `x`, expected a whole number such as 0 or 1\n", r.err());
        r = Cli.run("sentiment", "train", "--recipe", "svm", "--dataset", "sample-imdb", "--out", dir.toString(),
                "--seed", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("shendu: --recipe must be one of rf, bow-lr, tfidf-lr, nbsvm, nb, w2v-avg, lstm, got 'svm'"),
                r.err());
        Path three = dir.resolve("three.tsv");
        Files.writeString(three, "label\ttext\n1\tgood film\n0\tbad film\n1\tfine film\n");
        r = Cli.run("sentiment", "train", "--recipe", "nbsvm", "--dataset", three.toString(), "--out", dir.toString(),
                "--seed", "1", "--no-test");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
