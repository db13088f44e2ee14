package org.shendu.cli.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.cli.ShenduCommand;

/** Smoke tests of every {@code shendu word2vec} subcommand on a tiny corpus. */
class Word2vecCommandTest {
    @TempDir
    static Path dir;

    static Path model;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ShenduCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static JsonNode json(Run r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @BeforeAll
    static void trainTinyModel() throws Exception {
        Random random = new Random(1);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int topic = random.nextInt(3);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : " ").append("t").append(topic).append("w").append(random.nextInt(6));
            }
            lines.add(sb.toString());
        }
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, lines);
        Path out = dir.resolve("model");
        JsonNode r = json(run("word2vec", "train", "--corpus", corpus.toString(), "--dim", "12", "--epochs", "3",
                "--min-count", "1", "--threads", "1", "--seed", "5", "--out", out.toString(), "--json", "--text"));
        assertEquals(18, r.get("vocabulary").asInt());
        assertEquals(3, r.get("report").get("epoch_loss").size());
        model = out.resolve("model.w2v");
        assertTrue(Files.exists(out.resolve("vectors.bin")) && Files.exists(out.resolve("vectors.txt")));
    }

    @Test
    void similarAnalogyAndDoesntMatch() throws Exception {
        for (String file : List.of("model.w2v", "vectors.bin", "vectors.txt")) {
            String vectors = dir.resolve("model").resolve(file).toString();
            JsonNode s = json(run("word2vec", "similar", "--vectors", vectors, "t0w1", "--top", "3", "--json"));
            assertEquals(3, s.get("similar").size());
            JsonNode a = json(run("word2vec", "analogy", "--vectors", vectors, "t0w1", "t0w2", "t1w1", "--json", "--cosmul"));
            assertEquals("3cosmul", a.get("method").asText());
            JsonNode d = json(run("word2vec", "doesnt-match", "--vectors", vectors, "t0w1", "t0w2", "t0w3", "t2w4", "--json"));
            assertEquals("t2w4", d.get("doesnt_match").asText());
        }
        Run text = run("word2vec", "similar", "--vectors", model.toString(), "t1w1", "--negative", "t0w0");
        assertEquals(0, text.exit(), text.err());
        assertEquals(10, text.out().lines().count());
    }

    @Test
    void convertAndEvaluate() throws Exception {
        Path txt = dir.resolve("converted.txt");
        JsonNode c = json(run("word2vec", "convert", model.toString(), txt.toString(), "--to", "text", "--limit", "5",
                "--json"));
        assertEquals(5, c.get("words").asInt());
        assertTrue(Files.readString(txt).startsWith("5 12\n"));
        Path q = dir.resolve("q.txt");
        Files.writeString(q, ": s\nt0w1 t0w2 t1w1 t1w2\n: gram-x\nt0w1 t1w1 t0w2 t1w2\nt0w1 zz t0w2 t1w2\n");
        Path pairs = dir.resolve("pairs.tsv");
        Files.writeString(pairs, "# x\nt0w1\tt0w2\t9\nt0w1\tt1w2\t1\nt0w3\tt2w2\t2\n");
        JsonNode e = json(run("word2vec", "evaluate", "--vectors", model.toString(), "--analogies", q.toString(), "--wordsim",
                pairs.toString(), "--simlex", pairs.toString(), "--json"));
        assertEquals(2, e.get("analogy").get("total").asInt());
        assertEquals(1, e.get("analogy").get("skipped").asInt());
        assertEquals(3, e.get("wordsim353").get("pairs").asInt());
        Run plain = run("word2vec", "evaluate", "--vectors", model.toString(), "--analogies", q.toString(), "--wordsim",
                pairs.toString(), "--simlex", pairs.toString(), "--sections");
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("WordSim-353  Spearman"), plain.out());
    }

    @Test
    void trainsOnTheShippedSampleAndContinues() throws Exception {
        Path out = dir.resolve("sample");
        JsonNode r = json(run("word2vec", "train", "--dataset", "sample-imdb", "--dim", "8", "--epochs", "1",
                "--threads", "2", "--seed", "1", "--out", out.toString(), "--json"));
        assertTrue(r.get("vocabulary").asInt() > 1000);
        JsonNode again = json(run("word2vec", "train", "--dataset", "sample-imdb", "--continue",
                out.resolve("model.w2v").toString(), "--epochs", "1", "--seed", "2", "--out", out.toString(),
                "--json"));
        assertEquals(2, again.get("epochs_trained").asInt());
    }

    @Test
    void badInputGetsOneLine() throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        Run r = run("word2vec", "train", "--corpus", empty.toString(), "--seed", "1", "--out", dir.resolve("e").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--corpus " + empty + ": the file is empty"), r.err());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9 au lait\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        r = run("word2vec", "train", "--corpus", latin1.toString(), "--seed", "1", "--out", dir.resolve("l").toString());
        assertEquals(1, r.exit());
        assertEquals("shendu: " + latin1 + ":1: invalid UTF-8 in the word `caf\\xE9`; convert the corpus to UTF-8"
                + " (e.g. iconv -f latin1 -t utf-8)", r.err().strip());

        Run unknown = run("word2vec", "similar", "--vectors", model.toString(), "nosuchword");
        assertEquals(1, unknown.exit());
        assertEquals("shendu: `nosuchword` is not in the vocabulary (18 words)", unknown.err().strip());

        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, new byte[] {'3', ' ', '4', '\n', 'a', ' ', 1, 2});
        Run bad = run("word2vec", "similar", "--vectors", corrupt.toString(), "a");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().strip().startsWith("shendu: " + corrupt + ": unexpected end of file"), bad.err());
        assertEquals(1, bad.err().strip().lines().count());
    }
}
