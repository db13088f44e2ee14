package org.shendu.core.picture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.metrics.RocCurve;

class LinePlotTest {
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    @Test
    void trainAndValidationCurvesAreDrawnInTheirColoursAndWrittenAsPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("loss.png");
        LinePlot.titled("loss").axes("epoch", "loss")
                .series("train", new double[] {0.6, 0.2, 0.1}).series("validation", new double[] {0.3, 0.2, 0.15})
                .write(png);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(640, read.getWidth());
        assertEquals(420, read.getHeight());
        assertTrue(count(read, BLUE) > 100, "the train series is drawn");
        assertTrue(count(read, ORANGE) > 100, "the validation series is drawn");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void rocPlotHasTheCurveAndTheChanceDiagonal() {
        BufferedImage img = RocPlot.of(RocCurve.of(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.3, 0.6, 0.7}), "roc").draw();
        assertTrue(count(img, BLUE) > 100);
        assertTrue(count(img, 0x808080) > 50, "the grey dashed diagonal");
    }

    @Test
    void nanLeavesAGapAndBadInputIsRefused() {
        LinePlot.titled("t").series("s", new double[] {1, Double.NaN, 0.5}).draw();
        assertThrows(IllegalArgumentException.class, () -> LinePlot.titled("t").series("s", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalStateException.class, () -> LinePlot.titled("t").draw());
    }

    @Test
    void ticksFallOnNiceValues() {
        Axis a = Axis.nice(0.0612, 0.62, 6);
        assertEquals(0.1, a.step, 1e-12);
        assertEquals(0, a.min, 1e-12);
        assertEquals(0.7, a.max, 1e-12);
        assertEquals("0.3", a.label(0.30000000000000004));
        Axis big = Axis.nice(0, 4990, 8);
        assertEquals(1000, big.step, 1e-9);
        assertEquals("5000", big.label(big.max));
        Axis flat = Axis.nice(2, 2, 6);
        assertTrue(flat.min < 2 && flat.max > 2, "a constant series still gets a range");
    }

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
