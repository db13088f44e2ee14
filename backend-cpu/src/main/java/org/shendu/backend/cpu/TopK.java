package org.shendu.backend.cpu;

/**
 * The k largest entries of one row, largest first, in the SPI's order: NaN above every number,
 * equal values lower column first. A small k keeps a sorted window (one pass, k compares at most
 * per entry); a k near the row's width sorts the column ids.
 */
final class TopK {
    private TopK() {}

    /** Whether entry (va, ia) ranks above (vb, ib). */
    static boolean above(float va, int ia, float vb, int ib) {
        boolean na = Float.isNaN(va), nb = Float.isNaN(vb);
        if (na || nb) {
            return na && (!nb || ia < ib);
        }
        return va > vb || (va == vb && ia < ib);
    }

    static void row(float[] x, int off, int cols, int k, float[] values, int[] ids, int out) {
        if (k == 1) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (above(x[off + j], j, x[off + best], best)) {
                    best = j;
                }
            }
            values[out] = x[off + best];
            ids[out] = best;
            return;
        }
        if (k * 8L > cols) {
            Integer[] order = new Integer[cols];
            for (int j = 0; j < cols; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : above(x[off + a], a, x[off + b], b) ? -1 : 1);
            for (int j = 0; j < k; j++) {
                ids[out + j] = order[j];
                values[out + j] = x[off + order[j]];
            }
            return;
        }
        int filled = 0;
        for (int j = 0; j < cols; j++) {
            float v = x[off + j];
            if (filled == k && !above(v, j, values[out + k - 1], ids[out + k - 1])) {
                continue;
            }
            int at = filled == k ? k - 1 : filled++;
            while (at > 0 && above(v, j, values[out + at - 1], ids[out + at - 1])) {
                values[out + at] = values[out + at - 1];
                ids[out + at] = ids[out + at - 1];
                at--;
            }
            values[out + at] = v;
            ids[out + at] = j;
        }
    }
}
