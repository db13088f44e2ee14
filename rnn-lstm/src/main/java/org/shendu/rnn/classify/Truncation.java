package org.shendu.rnn.classify;

import java.util.Locale;

/**
 * Which tokens of a review longer than the cut are kept. {@code HEAD} keeps the first ones (the
 * anchors' and the course's rule); {@code HEAD_TAIL} keeps the first quarter and the last three
 * quarters of the budget, because reviews tend to end on their verdict (Sun et al. 2019, "How to
 * Fine-Tune BERT for Text Classification?", found head + tail best on IMDB).
 */
public enum Truncation {
    HEAD, HEAD_TAIL;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Truncation parse(String s) {
        for (Truncation t : values()) {
            if (t.spelling().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown truncation '" + s + "'; use head or head-tail");
    }

    /** The positions kept of {@code length} tokens under a budget of {@code max}: fills {@code out}, returns the count. */
    int keep(int length, int max, int[] out) {
        if (length <= max) {
            for (int i = 0; i < length; i++) {
                out[i] = i;
            }
            return length;
        }
        int head = this == HEAD ? max : max / 4;
        for (int i = 0; i < head; i++) {
            out[i] = i;
        }
        for (int i = head; i < max; i++) {
            out[i] = length - (max - i);
        }
        return max;
    }
}
