package org.shendu.sentiment.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.shendu.core.ShenduException;
import org.shendu.rnn.classify.ClassifierTrainer.EpochFigures;

/**
 * Draws per-epoch training curves as a PNG (headless AWT): loss on the left, accuracy on the
 * right, training (measured on a fixed sample of the training set) in blue and validation in orange.
 */
public final class TrainingCurvesPicture {
    private static final int PANEL = 400, MARGIN = 56, HEIGHT = 400;
    private static final Color TRAIN = new Color(31, 119, 180), VALIDATION = new Color(255, 127, 14);

    private TrainingCurvesPicture() {}

    public static void write(List<EpochFigures> epochs, String title, Path file) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(2 * PANEL, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * PANEL, HEIGHT);
        double[] trainLoss = epochs.stream().mapToDouble(EpochFigures::trainLoss).toArray();
        double[] valLoss = epochs.stream().mapToDouble(EpochFigures::valLoss).toArray();
        double[] trainAcc = epochs.stream().mapToDouble(EpochFigures::trainAccuracy).toArray();
        double[] valAcc = epochs.stream().mapToDouble(EpochFigures::valAccuracy).toArray();
        panel(g, 0, "cross-entropy loss", trainLoss, valLoss);
        panel(g, PANEL, "accuracy", trainAcc, valAcc);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(TRAIN);
        g.drawString("train", 2 * PANEL - 150, 20);
        g.setColor(VALIDATION);
        g.drawString("validation", 2 * PANEL - 100, 20);
        g.dispose();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                ImageIO.write(image, "png", tmp.toFile());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot write the picture: " + e.getMessage());
        }
    }

    private static void panel(Graphics2D g, int x0, String name, double[] a, double[] b) {
        int left = x0 + MARGIN, top = 40, width = PANEL - MARGIN - 16, height = HEIGHT - top - 48;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] s : new double[][] {a, b}) {
            for (double v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double pad = (hi - lo) * 0.08;
        lo -= pad;
        hi += pad;
        g.setColor(new Color(235, 235, 235));
        for (int t = 0; t <= 4; t++) {
            int y = top + height * t / 4;
            g.drawLine(left, y, left + width, y);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t <= 4; t++) {
            double v = hi - (hi - lo) * t / 4;
            g.drawString(String.format(Locale.ROOT, "%.3f", v), x0 + 8, top + height * t / 4 + 4);
        }
        int n = a.length;
        for (int e = 0; e < n; e++) {
            int x = left + (n == 1 ? width / 2 : width * e / (n - 1));
            g.drawString(String.valueOf(e + 1), x - 3, top + height + 14);
        }
        g.drawString("epoch", left + width / 2 - 14, top + height + 30);
        g.drawString(name, left + 4, top - 6);
        line(g, a, lo, hi, left, top, width, height, TRAIN);
        line(g, b, lo, hi, left, top, width, height, VALIDATION);
    }

    private static void line(Graphics2D g, double[] v, double lo, double hi, int left, int top, int width, int height, Color c) {
        int n = v.length;
        int[] xs = new int[n], ys = new int[n];
        for (int e = 0; e < n; e++) {
            xs[e] = left + (n == 1 ? width / 2 : width * e / (n - 1));
            ys[e] = top + (int) Math.round((hi - v[e]) / (hi - lo) * height);
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        g.drawPolyline(xs, ys, n);
        for (int e = 0; e < n; e++) {
            g.fillOval(xs[e] - 3, ys[e] - 3, 6, 6);
        }
    }
}
