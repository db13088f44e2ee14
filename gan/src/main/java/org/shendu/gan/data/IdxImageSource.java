package org.shendu.gan.data;

import org.shendu.data.IdxImages;

/** MNIST or Fashion-MNIST training images (IDX), grey 28x28, with their labels. */
public final class IdxImageSource implements ImageSource {
    private final IdxImages images;
    private final byte[] labels;
    private final String name;

    public IdxImageSource(IdxImages images, byte[] labels, String name) {
        this.images = images;
        this.labels = labels;
        this.name = name;
    }

    @Override
    public int count() {
        return images.count();
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int size() {
        return images.rows();
    }

    @Override
    public int classes() {
        return labels == null ? 0 : 10;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void fill(int[] indices, float[] dst) {
        int px = images.rows() * images.cols();
        byte[] pixels = images.pixels();
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i] * px, out = i * px;
            for (int j = 0; j < px; j++) {
                dst[out + j] = (pixels[src + j] & 0xff) / 127.5f - 1f;
            }
        }
    }

    @Override
    public String describe() {
        return name;
    }
}
