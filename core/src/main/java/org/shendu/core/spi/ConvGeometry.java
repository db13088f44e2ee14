package org.shendu.core.spi;

/**
 * The sizes of a 2-D convolution over a batch of NCHW images: {@code channels} input channels of
 * {@code height x width}, a square-strided {@code kernelH x kernelW} window, zero padding on every
 * side. Output size per axis: {@code (in + 2 padding - kernel) / stride + 1}.
 */
public record ConvGeometry(int batch, int channels, int height, int width,
                           int kernelH, int kernelW, int stride, int padding) {

    public int outHeight() {
        return (height + 2 * padding - kernelH) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernelW) / stride + 1;
    }

    /** Rows of one image's column matrix: {@code channels * kernelH * kernelW}. */
    public int colRows() {
        return channels * kernelH * kernelW;
    }

    /** Columns of one image's column matrix: one per output position. */
    public int colCols() {
        return outHeight() * outWidth();
    }
}
