package org.shendu.cnn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.data.IdxImages;

/** Turns IDX images and labels into batches: pixels scaled to [0, 1), shape {@code [N, 1, rows, cols]}. */
public final class Images {
    private Images() {}

    /** The images at {@code indices} as one tensor. */
    public static Tensor batch(Device device, IdxImages images, int[] indices) {
        int px = images.rows() * images.cols();
        float[] v = new float[indices.length * px];
        byte[] pixels = images.pixels();
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i] * px;
            for (int j = 0; j < px; j++) {
                v[i * px + j] = (pixels[src + j] & 0xff) / 255f;
            }
        }
        return device.tensor(v, indices.length, 1, images.rows(), images.cols());
    }

    public static Tensor labels(Device device, byte[] labels, int[] indices) {
        int[] v = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            v[i] = labels[indices[i]];
        }
        return device.ints(v, indices.length);
    }

    /** Indices {@code from .. to-1}. */
    public static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
