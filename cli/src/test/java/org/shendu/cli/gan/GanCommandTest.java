package org.shendu.cli.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** {@code shendu gan train|sample|interpolate|evaluate} on the shipped sample and fake images, and bad input in one line. */
class GanCommandTest {

    private record Run(int exit, String out, String err) {
        void oneLineError(int code, String contains) {
            assertEquals(code, exit, err);
            assertTrue(err.contains(contains), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("shendu: "), err);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = ShenduCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void trainResumeSampleInterpolate(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        Run train = run("gan", "train", "--network", "gan", "--dry-run", "--limit", "64", "--batch-size", "16", "--seed", "3",
                "--device", "cpu", "--threads", "1", "--out", runDir.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains("epoch 1  loss D"), train.out());
        assertTrue(train.err().contains("seed 3"), train.err());
        for (String f : new String[] {"real.png", "samples/epoch-001.png", "progress.png", "training.png", "epochs.csv",
            "checkpoint/checkpoint.json"}) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        Run resume = run("gan", "train", "--resume", "--epochs", "2", "--dry-run", "--device", "cpu", "--threads", "1", "--json",
                "--out", runDir.toString());
        assertEquals(0, resume.exit(), resume.err());
        assertTrue(resume.out().contains("\"epoch\":2") && !resume.out().contains("\"epoch\":1,"), resume.out());
        assertTrue(Files.exists(runDir.resolve("samples/epoch-002.png")));
        // --resume read the 64 images the run started on (4 steps of 16), not --dry-run's default 256
        assertEquals(8, org.shendu.core.io.Checkpoint.info(runDir.resolve("checkpoint")).step());
        byte[] saved = Files.readAllBytes(runDir.resolve("checkpoint/checkpoint.json"));
        run("gan", "train", "--resume", "--epochs", "3", "--dataset", "sample-fashion-mnist", "--limit", "32", "--device", "cpu",
                "--out", runDir.toString())
                .oneLineError(1, "--dataset sample-fashion-mnist (the run: sample-mnist), --limit 32 (the run: 64) differ");
        run("gan", "train", "--resume", "--epochs", "3", "--images", dir.toString(), "--device", "cpu", "--out", runDir.toString())
                .oneLineError(1, "(the run: --dataset sample-mnist)");
        assertArrayEquals(saved, Files.readAllBytes(runDir.resolve("checkpoint/checkpoint.json")));

        Run sample = run("gan", "sample", runDir.toString(), "--samples", "12", "--seed", "5", "--device", "cpu", "--out",
                dir.toString());
        assertEquals(0, sample.exit(), sample.err());
        BufferedImage grid = ImageIO.read(dir.resolve("samples.png").toFile());
        assertEquals(2 + 8 * (2 * 28 + 2), grid.getWidth()); // 8 columns of 28x28 at scale 2, 2-pixel padding
        assertEquals(2 + 2 * (2 * 28 + 2), grid.getHeight());

        Run interp = run("gan", "interpolate", runDir.toString(), "--rows", "2", "--steps", "5", "--dimension", "7", "--seed", "1",
                "--device", "cpu", "--out", dir.toString(), "--json");
        assertEquals(0, interp.exit(), interp.err());
        for (String f : new String[] {"linear.png", "spherical.png", "traverse.png"}) {
            assertEquals(2 + 5 * 58, ImageIO.read(dir.resolve(f).toFile()).getWidth(), f);
        }
        run("gan", "sample", runDir.toString(), "--class", "3", "--device", "cpu", "--out", dir.toString())
                .oneLineError(1, "not conditional");

        Run export = run("gan", "export", runDir.toString(), "--out", dir.resolve("g").toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(!Files.exists(dir.resolve("g/discriminator.safetensors")) && Files.exists(dir.resolve("g/generator.safetensors")));
        Run fromExport = run("gan", "sample", dir.resolve("g").toString(), "--samples", "12", "--seed", "5", "--device", "cpu",
                "--out", dir.resolve("e").toString());
        assertEquals(0, fromExport.exit(), fromExport.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("samples.png")), Files.readAllBytes(dir.resolve("e/samples.png")));
        Run bf16 = run("gan", "export", runDir.toString(), "--bf16", "--out", dir.resolve("b").toString());
        assertEquals(0, bf16.exit(), bf16.err());
        Run fromBf16 = run("gan", "sample", dir.resolve("b").toString(), "--samples", "12", "--seed", "5",
                "--device", "cpu", "--out", dir.resolve("b").toString());
        assertEquals(0, fromBf16.exit(), fromBf16.err());
        assertTrue(Files.size(dir.resolve("b/generator.safetensors")) < Files.size(dir.resolve("g/generator.safetensors")));
        run("gan", "interpolate", runDir.toString(), "--dimension", "100", "--device", "cpu", "--out", dir.toString())
                .oneLineError(1, "--dimension 100 is out of range");
    }

    /** The hinge loss with a spectrally normalised D trains, and --resume keeps both (they live in the checkpoint). */
    @Test
    void hingeLossAndSpectralNorm(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("gan", "train", "--network", "gan", "--loss", "hinge", "--spectral-norm", "--dry-run", "--limit", "32",
                "--batch-size", "16", "--seed", "2", "--device", "cpu", "--threads", "1", "--out", runDir.toString()).exit());
        var info = org.shendu.core.io.Checkpoint.info(runDir.resolve("checkpoint"));
        assertEquals(Boolean.TRUE, info.config().get("spectral_norm"));
        assertEquals("hinge", ((java.util.Map<?, ?>) info.config().get("recipe")).get("loss"));
        Run resume = run("gan", "train", "--resume", "--epochs", "2", "--device", "cpu", "--threads", "1", "--out", runDir.toString());
        assertEquals(0, resume.exit(), resume.err());
        assertEquals(4, org.shendu.core.io.Checkpoint.info(runDir.resolve("checkpoint")).step());
    }

    /** With no model, sample draws from the dcgan_mnist generator shipped in the jar. */
    @Test
    void sampleWithoutAModelUsesTheShippedGenerator(@TempDir Path dir) throws Exception {
        Run sample = run("gan", "sample", "--samples", "16", "--seed", "1", "--device", "cpu", "--threads", "1", "--out", dir.toString());
        assertEquals(0, sample.exit(), sample.err());
        assertTrue(sample.out().contains("16 images from dcgan_mnist"), sample.out());
        assertEquals(2 + 8 * 58, ImageIO.read(dir.resolve("samples.png").toFile()).getWidth());
    }

    @Test
    void conditionalOnAFolderOfPictures(@TempDir Path dir) throws Exception {
        Path pics = dir.resolve("pics");
        for (String cls : new String[] {"circles", "squares"}) {
            Files.createDirectories(pics.resolve(cls));
            for (int i = 0; i < 8; i++) {
                BufferedImage img = new BufferedImage(40 + i, 30, BufferedImage.TYPE_INT_RGB);
                var g = img.createGraphics();
                g.setColor(new java.awt.Color(40 * i % 255, 200, 90));
                if (cls.equals("circles")) {
                    g.fillOval(5, 5, 20, 20);
                } else {
                    g.fillRect(5, 5, 20, 20);
                }
                g.dispose();
                ImageIO.write(img, i % 2 == 0 ? "png" : "jpg", pics.resolve(cls).resolve(i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
            }
        }
        Path runDir = dir.resolve("run");
        Run train = run("gan", "train", "--network", "gan", "--images", pics.toString(), "--size", "16", "--conditional",
                "--batch-size", "8", "--epochs", "1", "--seed", "1", "--device", "cpu", "--threads", "1", "--out", runDir.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.err().contains("16 pictures, 16x16 colour"), train.err());
        Run sample = run("gan", "sample", runDir.toString(), "--class", "1", "--samples", "4", "--seed", "1", "--device", "cpu",
                "--out", dir.toString());
        assertEquals(0, sample.exit(), sample.err());
        assertTrue(Files.exists(dir.resolve("samples-class-1.png")));
        run("gan", "sample", runDir.toString(), "--class", "2", "--device", "cpu", "--out", dir.toString())
                .oneLineError(1, "--class 2 is out of range");
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no pictures here");
        run("gan", "train", "--images", empty.toString(), "--network", "gan", "--device", "cpu", "--out", dir.resolve("o1").toString())
                .oneLineError(1, "no PNG or JPEG pictures");

        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", mixed.resolve("a.png").toFile());
        Files.write(mixed.resolve("b.jpg"), new byte[] {1, 2, 3, 4, 5});
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", mixed.resolve("c.png").toFile());
        run("gan", "train", "--images", mixed.toString(), "--network", "gan", "--device", "cpu", "--out", dir.resolve("o2").toString())
                .oneLineError(1, "b.jpg: not a readable PNG or JPEG picture");
        assertTrue(!Files.exists(dir.resolve("o2/checkpoint")));

        Path cnn = dir.resolve("cnn");
        assertEquals(0, run("cnn", "train", "--dry-run", "--limit", "32", "--batch-size", "32", "--device", "cpu", "--threads", "1",
                "--seed", "1", "--out", cnn.toString()).exit());
        run("gan", "sample", cnn.toString(), "--device", "cpu", "--out", dir.toString())
                .oneLineError(1, "not a GAN");
        run("gan", "train", "--resume", "--device", "cpu", "--out", cnn.toString()).oneLineError(1, "not a GAN");
        run("gan", "evaluate", cnn.toString(), "--device", "cpu").oneLineError(1, "not a GAN");

        run("gan", "train", "--network", "dcgan64", "--dataset", "mnist", "--device", "cpu", "--out", dir.resolve("o3").toString())
                .oneLineError(1, "1x28x28");
        run("gan", "train", "--real-label", "1.5", "--dry-run", "--device", "cpu", "--out", dir.resolve("o4").toString())
                .oneLineError(1, "--real-label must be at most 1");
        run("gan", "train", "--network", "vae", "--dry-run").oneLineError(2, "--network");
        run("gan", "train", "--loss", "hinge", "--real-label", "0.9", "--dry-run", "--device", "cpu", "--out", dir.resolve("o5").toString())
                .oneLineError(1, "the hinge loss has none");
    }

    @Test
    void evaluateNeedsTheReferenceClassifier(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("gan", "train", "--network", "gan", "--dry-run", "--limit", "32", "--batch-size", "32", "--seed", "1",
                "--device", "cpu", "--threads", "1", "--out", runDir.toString()).exit());
        run("gan", "evaluate", runDir.toString(), "--data", Files.createDirectories(dir.resolve("data")).toString(), "--device", "cpu")
                .oneLineError(1, "mnist_cnn_fid.safetensors not found");
    }
}
