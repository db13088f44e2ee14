package org.shendu.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class CnnModelTest {
    @Test
    void lightBackgroundPicturesAreInverted(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(84, 84, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 84, 84);
        g.setColor(Color.BLACK);
        g.fillRect(36, 0, 12, 84);
        g.dispose();
        Path png = dir.resolve("stroke.png");
        ImageIO.write(img, "png", png.toFile());
        float[] v = CnnModel.readAs28x28(png);
        assertEquals(28 * 28, v.length);
        assertTrue(v[14] > 0.9f, "the dark stroke becomes bright: " + v[14]);
        assertTrue(v[0] < 0.1f, "the white paper becomes dark: " + v[0]);
    }

    @Test
    void notAPictureIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "hello");
        ShenduException e = assertThrows(ShenduException.class, () -> CnnModel.readAs28x28(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not an image"), e.getMessage());
    }
}
