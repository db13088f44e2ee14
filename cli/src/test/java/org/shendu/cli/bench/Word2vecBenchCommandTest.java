package org.shendu.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.cli.ShenduCommand;

/** A dry run of {@code shendu bench word2vec} on a tiny fake data directory, shendu alone. */
class Word2vecBenchCommandTest {
    @TempDir
    Path dir;

    private void tsv(Path file, Random random, int reviews) throws Exception {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("id\tsentiment\trating\treview\n");
        String[] words = {"good", "bad", "film", "movie", "great", "awful", "plot", "actor", "the", "a"};
        for (int i = 0; i < reviews; i++) {
            sb.append(i).append("_1\t1\t8\t");
            for (int j = 0; j < 30; j++) {
                sb.append(words[random.nextInt(words.length)]).append(j == 10 ? " <br /><br />" : " ");
            }
            sb.append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void dryRunOnTinyData() throws Exception {
        Random random = new Random(2);
        for (String split : new String[] {"train", "test", "unsup"}) {
            tsv(dir.resolve("data/imdb/" + split + ".tsv.gz"), random, 40);
        }
        Path eval = Files.createDirectories(dir.resolve("data/word-eval"));
        Files.writeString(eval.resolve("questions-words.txt"), ": capital\ngood bad great awful\n: gram1\nfilm movie plot actor\n");
        Files.writeString(eval.resolve("wordsim353.tsv"), "# h\ngood\tgreat\t9\ngood\tbad\t3\nfilm\tmovie\t9\n");
        Files.writeString(eval.resolve("simlex999.txt"), "# h\ngood\tgreat\t9\ngood\tbad\t1\nplot\tactor\t2\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ShenduCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("bench", "word2vec", "--data", dir.resolve("data").toString(), "--out",
                dir.resolve("work").toString(), "--rounds", "1", "--epochs", "1", "--no-gensim", "--json");
        assertEquals(0, exit, err.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertEquals(1, r.get("runs").size());
        JsonNode s = r.get("summary").get(0).get("shendu");
        assertEquals(10, s.get("vocabulary").asInt());
        assertTrue(s.get("train_s_median").asDouble() > 0);
        assertEquals(120, Files.readAllLines(dir.resolve("work/imdb_corpus.txt")).size());
        assertTrue(err.toString().contains("shendu  cbow-ns  round 1"), err.toString());
    }
}
