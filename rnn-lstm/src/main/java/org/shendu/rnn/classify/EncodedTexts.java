package org.shendu.rnn.classify;

import java.util.List;
import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * Texts as id sequences (each at least one id long) with optional labels, and the padded batches
 * made from them: {@code [B, T]} ids, T the longest member (or a fixed width: the course's fixed
 * 250-token rows), padding id 0 on the right.
 */
public record EncodedTexts(List<int[]> ids, int[] labels) {

    public EncodedTexts {
        ids = List.copyOf(ids);
        if (labels != null && labels.length != ids.size()) {
            throw new IllegalArgumentException(ids.size() + " texts but " + labels.length + " labels");
        }
    }

    public int size() {
        return ids.size();
    }

    public int[] lengths() {
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i).length;
        }
        return out;
    }

    /** The members {@code rows}: their lengths. */
    public int[] lengths(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = ids.get(rows[i]).length;
        }
        return out;
    }

    /** Padded ids of the members {@code rows}, {@code [B, T]} with T = max(width, longest member). */
    public Tensor batch(Device device, int[] rows, int width) {
        int steps = width;
        for (int r : rows) {
            steps = Math.max(steps, ids.get(r).length);
        }
        int[] flat = new int[rows.length * steps];
        for (int b = 0; b < rows.length; b++) {
            int[] seq = ids.get(rows[b]);
            System.arraycopy(seq, 0, flat, b * steps, seq.length);
        }
        return device.ints(flat, rows.length, steps);
    }

    public Tensor labels(Device device, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return device.ints(out, rows.length);
    }
}
