package org.shendu.cli.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.cli.ShenduCommand;

/** {@code shendu poetry train|evaluate} on the shipped sample, and bad input: one line, exit 1, nothing written. */
class PoetryCommandTest {
    @TempDir
    static Path dir;

    private record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = ShenduCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path model;

    @BeforeAll
    static void train() {
        Run r = run("poetry", "train", "--dry-run", "--seed", "3", "--device", "cpu", "--threads", "1", "--out", dir.resolve("run").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("best: step 4, validation NLL"), r.out());
        model = dir.resolve("run/best");
        assertTrue(Files.isRegularFile(model.resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(dir.resolve("run/loss.png")));
    }

    private static void oneLineFailure(Run r, String expected) {
        assertEquals(1, r.exit(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), err);
        assertFalse(err.contains("Exception"), err);
        assertTrue(err.contains(expected), err);
    }

    @Test
    void evaluatePrintsNllBitsAndPerplexity() {
        Run r = run("poetry", "evaluate", "--model", model.toString(), "--dataset", "sample-tang", "--device", "cpu", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"targets\":20371") && r.out().contains("\"bits_per_char\""), r.out());
    }

    @Test
    void emptyOrUnreadablePoemFileIsOneLineAndWritesNothing() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        Path out = dir.resolve("never");
        oneLineFailure(run("poetry", "train", "--dataset", empty.toString(), "--out", out.toString(), "--device", "cpu"),
                "empty.jsonl: no usable poem");
        Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "{\"title\": \"x\", \"paragraphs\": [\n", StandardCharsets.UTF_8);
        oneLineFailure(run("poetry", "train", "--dataset", garbage.toString(), "--out", out.toString(), "--device", "cpu"),
                "garbage.jsonl:1: invalid JSON");
        oneLineFailure(run("poetry", "evaluate", "--model", model.toString(), "--dataset", empty.toString(), "--device", "cpu"),
                "no usable poem");
        assertFalse(Files.exists(out));
    }

    @Test
    void generateWritesTheFormAskedFor() {
        Run r = run("poetry", "generate", "--model", model.toString(), "--form", "qijue", "--acrostic", "春夏秋冬", "--rhyme",
                "--samples", "3", "--seed", "5", "--device", "cpu", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"seed\":5,\"form\":\"七言绝句\",\"poems\":[[\"春"), r.out());
        Run text = run("poetry", "generate", "--model", model.toString(), "--continue", "白日依山尽", "--samples", "1", "--seed", "5",
                "--top-k", "20", "--device", "cpu");
        assertEquals(0, text.exit(), text.err());
        String[] lines = text.out().split("\n");
        assertEquals("# 1/1 五言绝句 (seed 5)", lines[0]);
        assertTrue(lines[1].matches("白日依山尽，\\p{IsHan}{5}。"), lines[1]);
        assertTrue(lines[2].matches("\\p{IsHan}{5}，\\p{IsHan}{5}。"), lines[2]);
    }

    @Test
    void anExportedModelIsHalfTheSizeAndWritesTheSamePoems() throws Exception {
        Path shipped = dir.resolve("shipped");
        Run r = run("poetry", "export", "--model", model.toString(), "--out", shipped.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(shipped.resolve("optimizer.safetensors")));
        long full = Files.size(model.resolve("model.safetensors")), half = Files.size(shipped.resolve("model.safetensors"));
        assertTrue(half < full * 0.6, half + " vs " + full);
        String[] args = {"poetry", "generate", "--form", "wujue", "--samples", "2", "--seed", "9", "--greedy", "--device", "cpu",
                "--model"};
        Run b = run(concat(args, shipped.toString()));
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.out().contains("五言绝句"), b.out());
        Run missing = run("poetry", "export", "--model", dir.resolve("nowhere").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("nowhere"), missing.err());
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    @Test
    void theShippedModelWritesAcrosticsAndKnowsTangPoems() throws Exception {
        Run r = run("poetry", "generate", "--acrostic", "春夏秋冬", "--rhyme", "--samples", "2", "--seed", "1", "--device", "cpu",
                "--threads", "1", "--json");
        assertEquals(0, r.exit(), r.err());
        var poems = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("poems");
        assertEquals(2, poems.size());
        for (var poem : poems) {
            assertEquals(2, poem.size(), poem.toString()); // a 五言绝句: two couplets, one a line
            assertTrue(poem.get(0).asText().matches("春\\p{IsHan}{4}，夏\\p{IsHan}{4}。"), poem.toString());
            assertTrue(poem.get(1).asText().matches("秋\\p{IsHan}{4}，冬\\p{IsHan}{4}。"), poem.toString());
        }
        // A trained model, not a random one: the untrained network scores the sample near the vocabulary size (6,052).
        Run e = run("poetry", "evaluate", "--dataset", "sample-tang", "--device", "cpu", "--threads", "1", "--json");
        assertEquals(0, e.exit(), e.err());
        double perplexity = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out()).get("perplexity").asDouble();
        assertTrue(perplexity < 300, "perplexity of the shipped model on the sample: " + perplexity);
    }

    @Test
    void unknownHeadOrUnfillableFormIsOneLine() {
        oneLineFailure(run("poetry", "generate", "--model", model.toString(), "--acrostic", "春夏秋龘", "--device", "cpu"),
                "the head character '龘' (U+9F98) is not in the model's vocabulary");
        oneLineFailure(run("poetry", "generate", "--model", model.toString(), "--form", "wujue", "--acrostic", "春夏秋冬山",
                "--device", "cpu"), "has 5 heads but a 五言绝句 has 4 lines");
        Run sonnet = run("poetry", "generate", "--model", model.toString(), "--form", "sonnet", "--device", "cpu");
        assertEquals(2, sonnet.exit(), sonnet.err());
        assertTrue(sonnet.err().contains("--form: unknown verse form 'sonnet'"), sonnet.err());
        Run zero = run("poetry", "generate", "--model", model.toString(), "--samples", "0", "--device", "cpu");
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("--samples must be at least 1, got 0"), zero.err());
    }

    @Test
    void initWeightsStartTrainingFromAStateDictAndRefuseOtherShapes() throws Exception {
        Path weights = model.resolve("model.safetensors"); // the dry-run network's state dict, PyTorch names
        Path out = dir.resolve("from-weights");
        Run r = run("poetry", "train", "--dry-run", "--init-weights", weights.toString(), "--steps", "1", "--eval-every", "1",
                "--seed", "4", "--device", "cpu", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        var start = org.shendu.core.io.Safetensors.readFile(weights).tensors();
        var after = org.shendu.core.io.Safetensors.readFile(out.resolve("last/model.safetensors")).tensors();
        for (String name : start.keySet()) { // one Adam step moves a weight by at most the learning rate, 1e-3
            float[] a = (float[]) start.get(name).values(), b = (float[]) after.get(name).values();
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) <= 1.0001e-3, name + "[" + i + "]: " + a[i] + " -> " + b[i]);
            }
        }
        Path never = dir.resolve("never-from-weights");
        Run wrong = run("poetry", "train", "--dry-run", "--init-weights", weights.toString(), "--embedding", "8",
                "--seed", "4", "--device", "cpu", "--out", never.toString());
        assertEquals(1, wrong.exit(), wrong.err());
        String[] lines = wrong.err().strip().split("\n"); // the corpus note, then the error
        assertEquals(2, lines.length, wrong.err());
        assertTrue(lines[1].matches("shendu: .*model.safetensors: emb.weight has shape \\[1695, 16], the network expects "
                + "\\[1695, 8]; .*"), lines[1]);
        Run both = run("poetry", "train", "--dry-run", "--init-weights", weights.toString(), "--resume", "--device", "cpu",
                "--out", never.toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("--init-weights and --resume contradict each other"), both.err());
        assertFalse(Files.exists(never));
    }

    @Test
    void damagedCheckpointIsOneLine() throws Exception {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        for (String f : new String[] {"checkpoint.json", "model.safetensors"}) {
            Files.copy(model.resolve(f), bad.resolve(f));
        }
        byte[] w = Files.readAllBytes(bad.resolve("model.safetensors"));
        Files.write(bad.resolve("model.safetensors"), java.util.Arrays.copyOf(w, w.length - 100));
        oneLineFailure(run("poetry", "evaluate", "--model", bad.toString(), "--dataset", "sample-tang", "--device", "cpu"),
                "model.safetensors");
        Files.writeString(bad.resolve("checkpoint.json"), "{\"format_version\": 1, \"kind\": ");
        oneLineFailure(run("poetry", "evaluate", "--model", bad.toString(), "--dataset", "sample-tang", "--device", "cpu"),
                "checkpoint.json");
    }
}
