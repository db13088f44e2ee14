package org.shendu.cnn;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.shendu.core.io.AtomicFiles;

/** Draws a confusion matrix as a PNG: cells shaded by row-normalised count, counts printed, classes labelled. */
public final class ConfusionMatrixImage {
    private ConfusionMatrixImage() {}

    public static void write(Metrics metrics, String[] names, String title, Path file) throws IOException {
        long[][] m = metrics.confusion();
        int n = m.length, cell = 56, left = 110, top = 70;
        int width = left + n * cell + 20, height = top + n * cell + 60;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("predicted →", left, top - 28);
        g.drawString("true ↓", 10, top - 8);
        for (int i = 0; i < n; i++) {
            long row = 0;
            for (long v : m[i]) {
                row += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(shorten(names[i]), 10, top + i * cell + cell / 2 + 4);
            g.drawString(shorten(names[i]), left + i * cell + 4, top - 8);
            for (int j = 0; j < n; j++) {
                double share = row == 0 ? 0 : (double) m[i][j] / row;
                int shade = (int) Math.round(255 * (1 - Math.pow(share, 0.5)));
                g.setColor(i == j ? new Color(shade, shade, 255) : new Color(255, shade, shade));
                g.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String s = Long.toString(m[i][j]);
                g.drawString(s, left + j * cell + (cell - g.getFontMetrics().stringWidth(s)) / 2, top + i * cell + cell / 2 + 4);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(java.util.Locale.ROOT, "accuracy %.4f on %d images", metrics.accuracy(), metrics.total()),
                10, top + n * cell + 30);
        g.dispose();
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    private static String shorten(String s) {
        return s.length() > 9 ? s.substring(0, 8) + "…" : s;
    }
}
