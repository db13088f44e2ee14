package org.shendu.gan.data;

import java.util.SplittableRandom;

/**
 * Random images for dry runs and CI, as pytorch/examples' {@code fake} dataset: each image is drawn
 * uniformly in [-1, 1] from its index and a seed (nothing is stored), with a label in 0..classes-1.
 */
public final class FakeImageSource implements ImageSource {
    private final int count, channels, size, classes;
    private final long seed;

    public FakeImageSource(int count, int channels, int size, int classes, long seed) {
        this.count = count;
        this.channels = channels;
        this.size = size;
        this.classes = classes;
        this.seed = seed;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return Math.floorMod(i, Math.max(1, classes));
    }

    @Override
    public void fill(int[] indices, float[] dst) {
        int px = channels * size * size;
        for (int i = 0; i < indices.length; i++) {
            SplittableRandom r = new SplittableRandom(seed * 31 + indices[i]);
            for (int j = 0; j < px; j++) {
                dst[i * px + j] = (float) (r.nextDouble() * 2 - 1);
            }
        }
    }

    @Override
    public String describe() {
        return "fake (" + count + " random " + size + "x" + size + " images)";
    }
}
