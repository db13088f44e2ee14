package org.shendu.cli.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.cli.ShenduCommand;

/** Smoke tests of {@code shendu cnn train|evaluate|predict} with tiny dry runs on the shipped sample. */
class CnnCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = ShenduCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void trainEvaluatePredict(@TempDir Path dir) throws Exception {
        Run train = run("cnn", "train", "--dry-run", "--limit", "256", "--seed", "3", "--device", "cpu", "--out", dir.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("test accuracy"), train.out());
        assertTrue(Files.size(dir.resolve("confusion.png")) > 0);
        assertTrue(Files.exists(dir.resolve("checkpoint/model.safetensors")));

        Run eval = run("cnn", "evaluate", dir.resolve("checkpoint").toString(), "--dry-run", "--device", "cpu", "--json");
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("\"images\":200"), eval.out());

        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 56, 56);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(24, 8, 8, 40);
        g.dispose();
        Path png = dir.resolve("one.png");
        ImageIO.write(img, "png", png.toFile());
        Run predict = run("cnn", "predict", dir.resolve("checkpoint").toString(), png.toString(), "--device", "cpu");
        assertEquals(0, predict.exit(), predict.err());
        assertTrue(predict.out().startsWith(png + ": "), predict.out());
    }

    @Test
    void badCheckpointIsOneLine(@TempDir Path dir) {
        Run r = run("cnn", "evaluate", dir.toString(), "--dry-run", "--device", "cpu");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not a checkpoint folder"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void benchGemmPrintsTheAnchorsFields() {
        Run r = run("bench", "gemm", "--n", "64", "--rounds", "1", "--reps", "1", "--device", "cpu", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        for (String field : new String[] {"\"workload\":\"gemm\"", "\"unit\":\"TFLOP/s\"", "\"n\":64", "\"rel_err_vs_fp64\":",
            "\"finite\":true"}) {
            assertTrue(r.out().contains(field), field + " in " + r.out());
        }
    }

    @Test
    void benchWorkloadPrintsAnchorFields() {
        Run r = run("bench", "dcgan_mnist", "--device", "cpu", "--warmup", "0", "--rounds", "1", "--steps", "1", "--threads", "1");
        assertEquals(0, r.exit(), r.err());
        for (String field : new String[] {"\"workload\":\"dcgan_mnist\"", "\"value\":", "\"unit\":\"images/s\"", "\"rounds\":",
            "\"step_ms\":", "\"finite\":true", "\"params\":904642"}) {
            assertTrue(r.out().contains(field), field + " in " + r.out());
        }
    }

    @Test
    void unknownDeviceFailsInOneLine() {
        Run r = run("cnn", "train", "--dry-run", "--device", "tpu");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--device must be one of auto, cpu, cuda, got 'tpu'"), r.err());
    }
}
