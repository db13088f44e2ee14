package org.shendu.gan.data;

/**
 * Training images for a GAN: {@code count} square images of {@code channels x size x size}, handed
 * out in [-1, 1] (pixel / 127.5 - 1, the generator's tanh range), with class labels when the set has
 * them.
 */
public interface ImageSource {
    int count();

    int channels();

    int size();

    /** The number of classes, or 0 when the images carry no labels. */
    int classes();

    /** The class of image {@code i} (only when {@link #classes()} > 0). */
    int label(int i);

    /** Writes images {@code indices} into {@code dst} ({@code indices.length x channels x size x size}), in [-1, 1]. */
    void fill(int[] indices, float[] dst);

    /** What the images are, for logs and checkpoints ({@code mnist}, {@code folder faces/}, ...). */
    String describe();
}
