package org.shendu.core.picture;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.shendu.core.Tensor;

/**
 * Images laid out in a grid with padding, as torchvision's {@code make_grid} / {@code save_image}:
 * generated samples of a GAN, a batch of inputs. Input is {@code [n, channels, height, width]}
 * (channels 1 for grey, 3 for RGB), values in {@code [-1, 1]} (a tanh generator; the default) or
 * {@code [0, 1]}, clamped to the range.
 */
public final class ImageGrid {
    /** How pixel values map to 0..255. */
    public enum Range {
        /** {@code -1 -> 0, 1 -> 255} (tanh outputs, images normalised to [-1, 1]). */
        MINUS_ONE_TO_ONE,
        /** {@code 0 -> 0, 1 -> 255}. */
        ZERO_TO_ONE
    }

    private final float[] pixels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private Range range = Range.MINUS_ONE_TO_ONE;
    private int columns = 8;
    private int padding = 2;
    private int scale = 1;
    private int background = 0xFFFFFF;

    private ImageGrid(float[] pixels, int count, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("an image grid takes 1 (grey) or 3 (RGB) channels, got " + channels);
        }
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " values are not " + count + " images of " + channels + "x" + height + "x" + width);
        }
        this.pixels = pixels;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Images from row-major {@code [count, channels, height, width]} values. */
    public static ImageGrid of(float[] pixels, int count, int channels, int height, int width) {
        return new ImageGrid(pixels, count, channels, height, width);
    }

    /** Images from a {@code [n, c, h, w]} tensor (read back to the host once). */
    public static ImageGrid of(Tensor images) {
        int[] d = images.dims();
        if (d.length != 4) {
            throw new IllegalArgumentException("an image grid needs a [n, c, h, w] tensor, got " + java.util.Arrays.toString(d));
        }
        return of(images.toFloatArray(), d[0], d[1], d[2], d[3]);
    }

    /** The input range (default {@code [-1, 1]}). */
    public ImageGrid range(Range r) {
        range = r;
        return this;
    }

    /** Images per row (default 8, torchvision's {@code nrow}). */
    public ImageGrid columns(int c) {
        if (c < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + c);
        }
        columns = c;
        return this;
    }

    /** Pixels between and around images (default 2), in the background colour. */
    public ImageGrid padding(int p) {
        if (p < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + p);
        }
        padding = p;
        return this;
    }

    /** Each image pixel drawn as {@code s x s} pixels (default 1), so 28x28 digits are visible. */
    public ImageGrid scale(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + s);
        }
        scale = s;
        return this;
    }

    /** The padding colour as 0xRRGGBB (default white). */
    public ImageGrid background(int rgb) {
        background = rgb;
        return this;
    }

    public void write(Path file) {
        Png.write(draw(), file);
    }

    public BufferedImage draw() {
        int cols = Math.min(columns, Math.max(1, count));
        int gridRows = Math.max(1, (count + cols - 1) / cols);
        int cw = width * scale, ch = height * scale;
        BufferedImage image = new BufferedImage(padding + cols * (cw + padding), padding + gridRows * (ch + padding),
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, background);
            }
        }
        int plane = height * width;
        for (int n = 0; n < count; n++) {
            int ox = padding + (n % cols) * (cw + padding), oy = padding + (n / cols) * (ch + padding);
            int base = n * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = base + y * width + x;
                    int r = byteOf(pixels[p]);
                    int rgb = channels == 1 ? r << 16 | r << 8 | r : r << 16 | byteOf(pixels[p + plane]) << 8 | byteOf(pixels[p + 2 * plane]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            image.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return image;
    }

    /** One value to 0..255: scaled from the range, clamped, rounded (NaN to 0). */
    int byteOf(float v) {
        double u = range == Range.MINUS_ONE_TO_ONE ? (v + 1) / 2 : v;
        if (!(u > 0)) {
            return 0;
        }
        return (int) Math.round(Math.min(1, u) * 255);
    }
}
