package org.shendu.data;

/**
 * Grey-scale images from an IDX file: {@code count} images of {@code rows × cols} bytes each
 * (0 = background, 255 = ink), stored one after another in {@code pixels}.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    /** Pixel {@code (r, c)} of image {@code i} as 0-255. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * rows + r) * cols + c] & 0xff;
    }

    /** The first {@code n} images. */
    public IdxImages head(int n) {
        int k = Math.min(n, count);
        return new IdxImages(k, rows, cols, java.util.Arrays.copyOf(pixels, k * rows * cols));
    }
}
