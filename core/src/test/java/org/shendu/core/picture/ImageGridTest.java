package org.shendu.core.picture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @Test
    void greyImagesFromMinusOneToOneWithPadding(@TempDir Path dir) throws Exception {
        // Three 2x2 grey images, two per row, padding 1: 1 + 2 * (2 + 1) = 7 wide, 1 + 2 * 3 = 7 high.
        float[] px = {
            -1, 0, 1, 2, // clamped above
            0.5f, -0.5f, Float.NaN, -3, // NaN and below the range are black
            1, 1, 1, 1};
        Path png = dir.resolve("grid.png");
        ImageGrid.of(px, 3, 1, 2, 2).columns(2).padding(1).write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(7, img.getWidth());
        assertEquals(7, img.getHeight());
        assertEquals(0xFFFFFF, rgb(img, 0, 0), "padding is white");
        assertEquals(grey(0), rgb(img, 1, 1));
        assertEquals(grey(128), rgb(img, 2, 1)); // (0 + 1) / 2 * 255 = 127.5, rounded half up as torchvision's save_image
        assertEquals(grey(255), rgb(img, 1, 2));
        assertEquals(grey(255), rgb(img, 2, 2));
        assertEquals(grey(191), rgb(img, 4, 1)); // 0.75 * 255 = 191.25
        assertEquals(grey(64), rgb(img, 5, 1)); // 0.25 * 255 = 63.75
        assertEquals(grey(0), rgb(img, 4, 2));
        assertEquals(grey(0), rgb(img, 5, 2));
        assertEquals(grey(255), rgb(img, 1, 4)); // the third image starts the second row
        assertEquals(0xFFFFFF, rgb(img, 4, 4), "the empty slot is background");
    }

    @Test
    void rgbChannelsFromZeroToOneAndScaling() {
        // One 1x1 RGB image (0.2, 0.4, 1.0), scaled 2x, no padding.
        BufferedImage img = ImageGrid.of(new float[] {0.2f, 0.4f, 1f}, 1, 3, 1, 1).range(ImageGrid.Range.ZERO_TO_ONE)
                .padding(0).scale(2).draw();
        assertEquals(2, img.getWidth());
        int expected = 51 << 16 | 102 << 8 | 255;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(expected, rgb(img, x, y));
            }
        }
    }

    @Test
    void wrongShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new float[8], 2, 2, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(new float[7], 2, 1, 2, 2));
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static int grey(int v) {
        return v << 16 | v << 8 | v;
    }
}
