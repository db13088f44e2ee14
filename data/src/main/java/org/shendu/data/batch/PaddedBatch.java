package org.shendu.data.batch;

/**
 * Sequences of token ids padded or truncated to one length, row-major {@code [batch, length]},
 * with a mask (1 for a real token, 0 for padding) and each row's real length.
 */
public record PaddedBatch(int[] ids, float[] mask, int[] lengths, int batch, int length) {

    public int id(int row, int t) {
        return ids[row * length + t];
    }
}
