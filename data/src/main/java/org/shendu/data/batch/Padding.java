package org.shendu.data.batch;

/** Pads or truncates id sequences to a fixed length, the way a batch for an LSTM wants them. */
public final class Padding {
    private Padding() {}

    /** Keeps the first {@code length} ids of each sequence and fills the rest with {@code padId}. */
    public static PaddedBatch pad(int[][] sequences, int length, int padId) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        int b = sequences.length;
        int[] ids = new int[b * length];
        float[] mask = new float[b * length];
        int[] lengths = new int[b];
        java.util.Arrays.fill(ids, padId);
        for (int r = 0; r < b; r++) {
            int n = Math.min(length, sequences[r].length);
            System.arraycopy(sequences[r], 0, ids, r * length, n);
            java.util.Arrays.fill(mask, r * length, r * length + n, 1f);
            lengths[r] = n;
        }
        return new PaddedBatch(ids, mask, lengths, b, length);
    }
}
