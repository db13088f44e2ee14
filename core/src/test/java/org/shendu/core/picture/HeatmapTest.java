package org.shendu.core.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.metrics.ConfusionMatrix;

class HeatmapTest {
    @Test
    void aPerfectClassIsTheDarkestBlueAndAnEmptyCellIsWhite(@TempDir Path dir) throws Exception {
        // Class 0 always right, class 1 half right, class 2 never predicted.
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 0, 1, 0, 1}, 3);
        Path png = dir.resolve("confusion.png");
        Heatmap.confusion(m, new String[] {"cat", "dog", "bird"}, "test").write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(LinePlotTest.count(img, 0x08306b) > 400, "row 'cat' is 100% on the diagonal: a full dark cell");
        assertTrue(LinePlotTest.count(img, 0xf7fbff) > 400 * 3, "the empty cells are the ramp's white");
    }

    @Test
    void shapesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new double[][] {{1, 2}}, new String[] {"a"}, new String[] {"x"}));
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(new double[][] {{1}}, new String[] {"a", "b"}, new String[] {"x"}));
        BufferedImage img = Heatmap.of(new double[][] {{-1, 1}}, new String[] {"a"}, new String[] {"x", "y"}).range(-1, 1).draw();
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    }
}
