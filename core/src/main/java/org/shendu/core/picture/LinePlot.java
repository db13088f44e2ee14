package org.shendu.core.picture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line plot of one or more named series: loss or accuracy curves with train and validation
 * series, ROC curves. Axes with ticks at "nice" values, a light grid, a legend in the emptiest
 * corner, dots on the points when there are few (one per epoch). NaN values leave a gap.
 *
 * <pre>
 * LinePlot.titled("MNIST loss").axes("epoch", "loss")
 *         .series("train", trainLoss).series("validation", valLoss).write(Path.of("loss.png"));
 * </pre>
 */
public final class LinePlot {
    private static final int MARKERS_UP_TO = 40;

    private record Series(String name, double[] x, double[] y, boolean reference) {}

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private final List<Series> series = new ArrayList<>();
    private Axis xAxis;
    private Axis yAxis;
    private int width = 640;
    private int height = 420;

    private LinePlot(String title) {
        this.title = title;
    }

    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    public LinePlot axes(String xLabel, String yLabel) {
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    /** A series drawn as a solid line, in the next colour. */
    public LinePlot series(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), false));
        return this;
    }

    /** A series at x = 1, 2, ..., n (epochs). */
    public LinePlot series(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return series(name, x, y);
    }

    /** A grey dashed reference line (chance level, a target), listed in the legend. */
    public LinePlot reference(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("reference '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), true));
        return this;
    }

    /** Fixes the x axis to {@code [min, max]} with ticks every {@code step} (default: fitted to the data). */
    public LinePlot xRange(double min, double max, double step) {
        xAxis = Axis.fixed(min, max, step);
        return this;
    }

    public LinePlot yRange(double min, double max, double step) {
        yAxis = Axis.fixed(min, max, step);
        return this;
    }

    /** Picture size in pixels (default 640 x 420). */
    public LinePlot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    public void write(Path file) {
        Png.write(draw(), file);
    }

    public BufferedImage draw() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a line plot needs at least one series");
        }
        Axis xa = xAxis != null ? xAxis : fit(true);
        Axis ya = yAxis != null ? yAxis : fit(false);
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.graphics(image);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(small);
        FontMetrics fm = g.getFontMetrics();
        int labelWidth = 0;
        for (double t : ya.ticks()) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(ya.label(t)));
        }
        int left = 28 + labelWidth + 10, right = 20, top = 40, bottom = 52;
        Frame f = new Frame(left, top, width - left - right, height - top - bottom, xa, ya);

        // Grid, ticks and tick labels.
        for (double t : xa.ticks()) {
            int px = f.x(t);
            g.setColor(new Color(232, 232, 232));
            g.drawLine(px, f.top, px, f.top + f.h);
            g.setColor(Color.BLACK);
            g.drawLine(px, f.top + f.h, px, f.top + f.h + 4);
            String s = xa.label(t);
            g.drawString(s, px - fm.stringWidth(s) / 2, f.top + f.h + 18);
        }
        for (double t : ya.ticks()) {
            int py = f.y(t);
            g.setColor(new Color(232, 232, 232));
            g.drawLine(f.left, py, f.left + f.w, py);
            g.setColor(Color.BLACK);
            g.drawLine(f.left - 4, py, f.left, py);
            String s = ya.label(t);
            g.drawString(s, f.left - 7 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(f.left, f.top, f.w, f.h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        fm = g.getFontMetrics();
        g.drawString(xLabel, f.left + (f.w - fm.stringWidth(xLabel)) / 2, height - 12);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(f.top + (f.h + fm.stringWidth(yLabel)) / 2), 18);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, 24);

        // The series, clipped to the frame (with room for the dots on its edges).
        g.setClip(f.left - 4, f.top - 4, f.w + 9, f.h + 9);
        int colour = 0;
        List<Color> colours = new ArrayList<>();
        for (Series s : series) {
            Color c = s.reference ? Color.GRAY : Palette.series(colour++);
            colours.add(c);
            g.setColor(c);
            g.setStroke(s.reference
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
                    : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D line = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
                    pen = false;
                    continue;
                }
                if (pen) {
                    line.lineTo(f.xd(s.x[i]), f.yd(s.y[i]));
                } else {
                    line.moveTo(f.xd(s.x[i]), f.yd(s.y[i]));
                    pen = true;
                }
            }
            g.draw(line);
            if (!s.reference && s.x.length <= MARKERS_UP_TO) {
                for (int i = 0; i < s.x.length; i++) {
                    if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                        g.fill(new Ellipse2D.Double(f.xd(s.x[i]) - 3.5, f.yd(s.y[i]) - 3.5, 7, 7));
                    }
                }
            }
        }
        g.setClip(null);
        legend(g, f, colours);
        g.dispose();
        return image;
    }

    private void legend(Graphics2D g, Frame f, List<Color> colours) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int textWidth = 0;
        for (Series s : series) {
            textWidth = Math.max(textWidth, fm.stringWidth(s.name));
        }
        int row = fm.getHeight() + 2, boxW = textWidth + 44, boxH = row * series.size() + 8;
        int[] corner = emptiestCorner(f, boxW, boxH);
        int bx = corner[0], by = corner[1];
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(bx, by, boxW, boxH);
        g.setColor(new Color(180, 180, 180));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(bx, by, boxW, boxH);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int cy = by + 4 + row * i + row / 2;
            g.setColor(colours.get(i));
            g.setStroke(s.reference
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f)
                    : new BasicStroke(2f));
            g.drawLine(bx + 8, cy, bx + 32, cy);
            g.setColor(Color.BLACK);
            g.drawString(s.name, bx + 38, cy + fm.getAscent() / 2 - 1);
        }
    }

    /** The top-left pixel of the legend box in the corner that covers the fewest data points. */
    private int[] emptiestCorner(Frame f, int boxW, int boxH) {
        int pad = 8;
        int[][] corners = {
            {f.left + f.w - boxW - pad, f.top + pad}, {f.left + f.w - boxW - pad, f.top + f.h - boxH - pad},
            {f.left + pad, f.top + pad}, {f.left + pad, f.top + f.h - boxH - pad}};
        int[] best = corners[0];
        long fewest = Long.MAX_VALUE;
        for (int[] c : corners) {
            long inside = 0;
            for (Series s : series) {
                for (int i = 0; i < s.x.length; i++) {
                    // Count the line's pixels roughly: the points and their midpoints.
                    for (double t = 0; t < 1; t += 0.25) {
                        int j = Math.min(s.x.length - 1, i + 1);
                        double px = f.xd(s.x[i] + t * (s.x[j] - s.x[i])), py = f.yd(s.y[i] + t * (s.y[j] - s.y[i]));
                        if (px >= c[0] - 4 && px <= c[0] + boxW + 4 && py >= c[1] - 4 && py <= c[1] + boxH + 4) {
                            inside++;
                        }
                    }
                }
            }
            if (inside < fewest) {
                fewest = inside;
                best = c;
            }
        }
        return best;
    }

    private Axis fit(boolean x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        for (Series s : series) {
            double[] v = x ? s.x : s.y;
            for (double d : v) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                    integral &= d == Math.rint(d);
                }
            }
        }
        if (lo > hi) {
            return Axis.fixed(0, 1, 0.2);
        }
        Axis a = Axis.nice(lo, hi, x ? 8 : 6);
        if (x && integral && a.step < 1) {
            // Epochs: whole-number ticks only.
            return Axis.fixed(Math.floor(lo), Math.max(Math.ceil(hi), Math.floor(lo) + 1), 1);
        }
        return a;
    }

    /** The plotting area and the data-to-pixel mapping. */
    private record Frame(int left, int top, int w, int h, Axis xa, Axis ya) {
        double xd(double v) {
            return left + xa.fraction(v) * w;
        }

        double yd(double v) {
            return top + h - ya.fraction(v) * h;
        }

        int x(double v) {
            return (int) Math.round(xd(v));
        }

        int y(double v) {
            return (int) Math.round(yd(v));
        }
    }
}
