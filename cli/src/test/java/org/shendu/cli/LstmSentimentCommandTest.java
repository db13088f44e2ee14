package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shendu sentiment train|evaluate|predict} with {@code --model lstm} on the shipped sample. */
class LstmSentimentCommandTest {
    private static final String[] WORDS = {"the", "a", "and", "of", "to", "is", "it", "this", "movie", "film", "good",
        "great", "bad", "worst", "best", "boring", "love", "waste", "excellent", "awful"};

    @TempDir
    Path dir;

    /** Small 8-d vectors in word2vec's text format (the CLI skips its word2vec step when given vectors). */
    private Path vectors(int dim) throws Exception {
        StringBuilder s = new StringBuilder(WORDS.length + " " + dim + "\n");
        for (int w = 0; w < WORDS.length; w++) {
            s.append(WORDS[w]);
            for (int d = 0; d < dim; d++) {
                s.append(String.format(Locale.ROOT, " %.3f", Math.sin(1.3 * w + 0.7 * d)));
            }
            s.append('\n');
        }
        Path file = dir.resolve("vectors-" + dim + ".txt");
        Files.writeString(file, s);
        return file;
    }

    @Test
    void trainEvaluatePredict() throws Exception {
        Path model = dir.resolve("lstm.model");
        Cli r = Cli.run("sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--vectors",
                vectors(8).toString(), "--embedding-dim", "8", "--hidden", "8", "--epochs", "2", "--max-tokens", "60",
                "--seed", "1", "--json", "--out", dir.toString(), "--model", model.toString(), "--data", dir.toString(),
                "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("epoch 1: loss"), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(2, report.get("epochs").size());
        assertEquals(900, report.get("n_fit").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("curves-lstm.png")));
        assertTrue(Files.isRegularFile(dir.resolve("roc-lstm.png")));
        double trainAcc = report.get("test_metrics").get("accuracy").asDouble();

        Cli e = Cli.run("sentiment", "evaluate", "--model", model.toString(), "--dataset", "sample-imdb", "--json",
                "--out", dir.toString(), "--data", dir.toString(), "--device", "cpu");
        assertEquals(0, e.exit(), e.err());
        JsonNode evaluated = new ObjectMapper().readTree(e.out());
        assertEquals("lstm", evaluated.get("recipe").asText());
        // the loaded model scores the test set exactly as the trained one did
        assertEquals(trainAcc, evaluated.get("metrics").get("accuracy").asDouble(), 0.0);

        Cli p = Cli.run("sentiment", "predict", "--model", model.toString(), "--device", "cpu",
                "A great film, the best.", "Boring, a waste.");
        assertEquals(0, p.exit(), p.err());
        assertEquals(2, p.out().lines().count(), p.out());
        assertTrue(p.out().lines().allMatch(l -> l.matches("(positive|negative)\t0\\.\\d{4}\t.*")), p.out());
    }

    @Test
    void randomEmbeddingsAndAGruTrainWithoutWordVectors() throws Exception {
        Cli r = Cli.run("sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--embeddings", "random",
                "--max-vocab", "500", "--cell", "gru", "--embedding-dim", "8", "--hidden", "8", "--epochs", "1",
                "--max-tokens", "60", "--pretrain-lm", "1", "--seed", "1", "--json", "--no-test", "--out", dir.toString(),
                "--data", dir.toString(), "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(500, report.get("vocabulary").asInt());
        assertEquals(1, report.get("language_model_epochs").size());
        double lmLoss = report.get("language_model_epochs").get(0).get("loss").asDouble();
        assertTrue(lmLoss > 1 && lmLoss < Math.log(500), "language-model loss " + lmLoss + " below a uniform guess");
        assertTrue(r.err().contains("language-model epoch 1: loss"), r.err());
        assertEquals("gru", report.get("preset").get("cell").asText());
        assertEquals("none (random embeddings)", report.get("preset").get("word2vec").asText());
        assertEquals(0.0, report.get("timings").get("word2vec_s").asDouble(), 0.0);

        Cli both = Cli.run("sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--embeddings", "random",
                "--vectors", vectors(8).toString(), "--embedding-dim", "8", "--seed", "1", "--out", dir.toString(),
                "--data", dir.toString(), "--device", "cpu");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().startsWith("shendu: --embeddings random trains without word vectors: drop --vectors"), both.err());

        Cli unmasked = Cli.run("sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--preset", "course",
                "--pretrain-lm", "1", "--seed", "1", "--out", dir.toString(), "--data", dir.toString(), "--device", "cpu");
        assertEquals(2, unmasked.exit(), unmasked.err());
        assertTrue(unmasked.err().startsWith("shendu: --pretrain-lm needs masked padding"), unmasked.err());
    }

    @Test
    void crossValidatesOnTheChineseSample() throws Exception {
        Cli r = Cli.run("sentiment", "evaluate", "--recipe", "lstm", "--dataset", "sample-chnsenticorp", "--folds", "3",
                "--embedding-dim", "8", "--hidden", "8", "--epochs", "1", "--max-tokens", "40", "--json", "--seed", "2",
                "--data", dir.toString(), "--device", "cpu");
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("lstm", report.get("recipe").asText());
        assertEquals(3, report.get("per_fold").size());
        assertTrue(r.err().contains("fold 3: word2vec"), r.err());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Cli r = Cli.run("sentiment", "train", "--recipe", "lstm", "--dataset", "sample-imdb", "--vectors",
                vectors(8).toString(), "--seed", "1", "--out", dir.toString(), "--data", dir.toString(), "--device", "cpu");
        assertEquals(1, r.exit());
        assertTrue(r.err().endsWith("shendu: the vectors have dimension 8, the default preset needs 100; give"
                + " --embedding-dim 8 or other vectors\n"), r.err());

        r = Cli.run("sentiment", "train", "--recipe", "lstm", "--pooling", "median", "--dataset", "sample-imdb",
                "--out", dir.toString(), "--data", dir.toString(), "--seed", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("shendu: --pooling must be one of last, mean, max, mean-max, last-mean-max, got 'median'"),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());

        r = Cli.run("sentiment", "train", "--recipe", "nbsvm", "--hidden", "8", "--dataset", "sample-imdb",
                "--out", dir.toString(), "--data", dir.toString(), "--seed", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("shendu: --hidden applies to the lstm recipe only, not --recipe nbsvm"), r.err());

        Path missing = dir.resolve("nothing.model");
        r = Cli.run("sentiment", "predict", "--model", missing.toString(), "good");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("shendu: ") && r.err().contains(missing.toString()), r.err());

        Path empty = Files.createDirectories(dir.resolve("folder.model"));
        r = Cli.run("sentiment", "predict", "--model", empty.toString(), "good");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());

        r = Cli.run("sentiment", "predict", "--model", empty.toString(), "  ");
        assertEquals(1, r.exit());
        assertEquals("shendu: argument 1: empty review, nothing to classify\n", r.err());
    }
}
