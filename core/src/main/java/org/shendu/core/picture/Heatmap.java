package org.shendu.core.picture;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.shendu.core.metrics.ConfusionMatrix;

/**
 * A matrix drawn as shaded cells (white to blue over {@code [0, 1]} by default), with row and column
 * names, a text in each cell and a caption: {@link #confusion} draws a confusion matrix shaded by
 * each true class's share, its counts printed.
 */
public final class Heatmap {
    private final double[][] values;
    private final String[] rows;
    private final String[] columns;
    private String title = "";
    private String rowAxis = "";
    private String columnAxis = "";
    private String[][] text;
    private String caption = "";
    private double lo = 0;
    private double hi = 1;

    private Heatmap(double[][] values, String[] rows, String[] columns) {
        if (values.length != rows.length) {
            throw new IllegalArgumentException(values.length + " rows of values but " + rows.length + " row names");
        }
        for (double[] r : values) {
            if (r.length != columns.length) {
                throw new IllegalArgumentException("a row of " + r.length + " values but " + columns.length + " column names");
            }
        }
        this.values = values;
        this.rows = rows;
        this.columns = columns;
    }

    /** Cells {@code values[row][column]}, shaded over {@code [0, 1]} unless {@link #range} says otherwise. */
    public static Heatmap of(double[][] values, String[] rowNames, String[] columnNames) {
        return new Heatmap(values, rowNames, columnNames);
    }

    /** A confusion matrix: rows true classes, columns predicted, shade = share of the row, counts printed, accuracy below. */
    public static Heatmap confusion(ConfusionMatrix m, String[] names, String title) {
        long[][] c = m.counts();
        double[][] share = new double[c.length][c.length];
        String[][] text = new String[c.length][c.length];
        for (int i = 0; i < c.length; i++) {
            long row = m.support(i);
            for (int j = 0; j < c.length; j++) {
                share[i][j] = row == 0 ? 0 : (double) c[i][j] / row;
                text[i][j] = Long.toString(c[i][j]);
            }
        }
        return of(share, names, names).title(title).axes("true class", "predicted class").cellText(text)
                .caption(String.format(Locale.ROOT, "accuracy %.4f on %d examples; shade: share of the true class", m.accuracy(), m.total()));
    }

    public Heatmap title(String t) {
        title = t;
        return this;
    }

    /** Names of the row and the column axes. */
    public Heatmap axes(String rowAxis, String columnAxis) {
        this.rowAxis = rowAxis;
        this.columnAxis = columnAxis;
        return this;
    }

    /** The text in each cell (default: the value with two decimals). */
    public Heatmap cellText(String[][] text) {
        this.text = text;
        return this;
    }

    public Heatmap caption(String c) {
        caption = c;
        return this;
    }

    /** The values shaded white ({@code lo}) to dark blue ({@code hi}). */
    public Heatmap range(double lo, double hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("need lo < hi, got " + lo + " and " + hi);
        }
        this.lo = lo;
        this.hi = hi;
        return this;
    }

    public void write(Path file) {
        Png.write(draw(), file);
    }

    public BufferedImage draw() {
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics fm = Png.graphics(Png.canvas(1, 1)).getFontMetrics(label);
        int nameWidth = 0;
        for (String s : rows) {
            nameWidth = Math.max(nameWidth, fm.stringWidth(shorten(s)));
        }
        int colNameHeight = 0;
        for (String s : columns) {
            colNameHeight = Math.max(colNameHeight, fm.stringWidth(shorten(s)));
        }
        int cell = Math.max(34, Math.min(56, 560 / Math.max(rows.length, columns.length)));
        int left = 30 + nameWidth + 8, top = 46 + colNameHeight + 8;
        int textWidth = Math.max(Png.graphics(Png.canvas(1, 1)).getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 15)).stringWidth(title),
                fm.stringWidth(caption));
        int width = Math.max(left + columns.length * cell + 20, textWidth + 20), height = top + rows.length * cell + 40;
        BufferedImage image = Png.canvas(width, height);
        Graphics2D g = Png.graphics(image);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics axis = g.getFontMetrics();
        g.drawString(columnAxis, left + (columns.length * cell - axis.stringWidth(columnAxis)) / 2, 40);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(rowAxis, -(top + (rows.length * cell + axis.stringWidth(rowAxis)) / 2), 18);
        g.setTransform(saved);
        g.setFont(label);
        for (int i = 0; i < rows.length; i++) {
            String s = shorten(rows[i]);
            g.setColor(Color.BLACK);
            g.drawString(s, left - 6 - fm.stringWidth(s), top + i * cell + (cell + fm.getAscent()) / 2 - 2);
        }
        for (int j = 0; j < columns.length; j++) {
            String s = shorten(columns[j]);
            AffineTransform t = g.getTransform();
            g.translate(left + j * cell + (cell + fm.getAscent()) / 2 - 2, top - 6);
            g.rotate(-Math.PI / 2);
            g.setColor(Color.BLACK);
            g.drawString(s, 0, 0);
            g.setTransform(t);
        }
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                double t = (values[i][j] - lo) / (hi - lo);
                g.setColor(Palette.blues(Math.sqrt(Math.max(0, t)))); // sqrt: small shares stay visible
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
                String s = text != null ? text[i][j] : String.format(Locale.ROOT, "%.2f", values[i][j]);
                g.setColor(t > 0.35 ? Color.WHITE : Color.BLACK);
                g.drawString(s, left + j * cell + (cell - fm.stringWidth(s)) / 2, top + i * cell + (cell + fm.getAscent()) / 2 - 2);
            }
        }
        g.setColor(new Color(150, 150, 150));
        g.drawRect(left, top, columns.length * cell, rows.length * cell);
        g.setColor(Color.BLACK);
        g.drawString(caption, 10, height - 14);
        g.dispose();
        return image;
    }

    private static String shorten(String s) {
        return s.length() > 12 ? s.substring(0, 11) + "…" : s;
    }
}
