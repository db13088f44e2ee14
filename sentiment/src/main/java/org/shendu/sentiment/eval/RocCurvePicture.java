package org.shendu.sentiment.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.shendu.core.ShenduException;
import org.shendu.core.io.AtomicFiles;

/** Draws a {@link RocCurve} as a PNG picture (headless AWT): the curve, the chance diagonal, the AUC. */
public final class RocCurvePicture {
    private static final int SIZE = 480;
    private static final int MARGIN = 56;

    private RocCurvePicture() {}

    /** Writes the picture of {@code curve} to {@code file} (temporary name, then rename). */
    public static void write(RocCurve curve, String title, Path file) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        int plot = SIZE - 2 * MARGIN;
        g.setColor(new Color(235, 235, 235));
        for (int t = 0; t <= 10; t++) {
            int p = MARGIN + plot * t / 10;
            g.drawLine(p, MARGIN, p, MARGIN + plot);
            g.drawLine(MARGIN, p, MARGIN + plot, p);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        g.drawLine(MARGIN, MARGIN + plot, MARGIN + plot, MARGIN);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN, plot, plot);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 5; t++) {
            String label = String.format(Locale.ROOT, "%.1f", t / 5.0);
            int p = MARGIN + plot * t / 5;
            g.drawString(label, p - 8, MARGIN + plot + 16);
            g.drawString(label, MARGIN - 26, MARGIN + plot - plot * t / 5 + 4);
        }
        g.drawString("false positive rate", MARGIN + plot / 2 - 50, SIZE - 16);
        g.rotate(-Math.PI / 2);
        g.drawString("true positive rate", -(MARGIN + plot / 2 + 50), 18);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, MARGIN - 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "ROC-AUC %.4f", curve.area()), MARGIN, MARGIN - 8);
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f));
        double[] fpr = curve.falsePositiveRate();
        double[] tpr = curve.truePositiveRate();
        int[] xs = new int[fpr.length];
        int[] ys = new int[fpr.length];
        for (int i = 0; i < fpr.length; i++) {
            xs[i] = MARGIN + (int) Math.round(fpr[i] * plot);
            ys[i] = MARGIN + plot - (int) Math.round(tpr[i] * plot);
        }
        g.drawPolyline(xs, ys, xs.length);
        g.dispose();
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
