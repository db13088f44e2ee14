package org.shendu.core.picture;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.shendu.core.ShenduException;
import org.shendu.core.io.AtomicFiles;

/**
 * PNG files and the canvas every picture starts from. Drawing is headless Java2D (no display
 * needed); the file is replaced whole through {@link AtomicFiles}, so a reader never sees half a
 * picture.
 */
public final class Png {
    static {
        // Before the first AWT class loads: a server or CI machine has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {}

    /** A white RGB canvas with antialiased lines and text. */
    public static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A graphics context on {@code image} with antialiasing on. */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** Writes {@code image} to {@code file} as PNG, replacing it whole ({@link AtomicFiles}); one-line error on failure. */
    public static void write(BufferedImage image, Path file) {
        try {
            AtomicFiles.write(file, out -> {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot write the picture: " + e.getMessage());
        }
    }
}
