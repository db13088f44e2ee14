package org.shendu.gan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class FolderImageSourceTest {

    /** A 30x10 picture whose central 10x10 square is white and the sides black: the centre crop keeps only white. */
    @Test
    void centreCropResizeAndGrey(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 10; x < 20; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        ImageIO.write(img, "png", dir.resolve("wide.png").toFile());
        FolderImageSource grey = FolderImageSource.read(dir, 5, 1, 0);
        assertEquals(1, grey.count());
        assertEquals(0, grey.classes());
        float[] px = new float[25];
        grey.fill(new int[] {0}, px);
        for (float v : px) {
            assertEquals(1f, v, 1e-6);
        }
        FolderImageSource rgb = FolderImageSource.read(dir, 5, 3, 0);
        float[] c = new float[75];
        rgb.fill(new int[] {0}, c);
        assertEquals(1f, c[74], 1e-6);
    }

    /** Grey is the ITU-R 601 luma of the colour: pure red gives round(0.299 * 255) = 76. */
    @Test
    void greyIsLuma(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, 0xFF0000);
            }
        }
        ImageIO.write(img, "png", dir.resolve("red.png").toFile());
        float[] px = new float[16];
        FolderImageSource.read(dir, 4, 1, 0).fill(new int[] {0}, px);
        assertEquals(76 / 127.5f - 1f, px[5], 1e-6);
    }

    @Test
    void subFoldersAreClasses(@TempDir Path dir) throws Exception {
        for (String c : List.of("b-dogs", "a-cats")) {
            Files.createDirectories(dir.resolve(c));
            ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(c).resolve("1.png").toFile());
        }
        FolderImageSource s = FolderImageSource.read(dir, 4, 3, 0);
        assertEquals(List.of("a-cats", "b-dogs"), s.classNames());
        assertEquals(0, s.label(0));
        assertEquals(1, s.label(1));
    }

    @Test
    void emptyFolderAndBrokenPictureAreOneLine(@TempDir Path dir) throws Exception {
        ShenduException none = assertThrows(ShenduException.class, () -> FolderImageSource.read(dir, 8, 1, 0));
        assertTrue(none.getMessage().contains("no PNG or JPEG pictures"), none.getMessage());
        ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("good.png").toFile());
        Files.writeString(dir.resolve("bad.png"), "not a picture");
        ShenduException bad = assertThrows(ShenduException.class, () -> FolderImageSource.read(dir, 8, 1, 0));
        assertTrue(bad.getMessage().contains("bad.png: not a readable PNG or JPEG picture"), bad.getMessage());
        assertEquals(1, bad.getMessage().lines().count());
    }
}
