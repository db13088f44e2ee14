package org.shendu.word2vec;

/**
 * Draws noise words for negative sampling from the unigram distribution raised to a power
 * (0.75 in Mikolov et al. 2013, "Distributed Representations of Words and Phrases and their
 * Compositionality"). The C tool fills a table of 10^8 ids (400 MB) and gensim bisects a
 * cumulative table; this uses Walker's alias method instead: the exact distribution, one draw in
 * O(1) from two arrays of vocabulary size that stay in cache.
 */
final class NegativeSampler {
    /** Probability (scaled to 2^31) of keeping bucket i rather than taking its alias. */
    final int[] threshold;
    final int[] alias;

    NegativeSampler(long[] counts, double power) {
        int n = counts.length;
        threshold = new int[n];
        alias = new int[n];
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.pow(counts[i], power);
            sum += p[i];
        }
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            p[i] = p[i] * n / sum;
            if (p[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[nl - 1];
            threshold[s] = (int) Math.min(Integer.MAX_VALUE, Math.round(p[s] * 2147483648.0));
            alias[s] = l;
            p[l] -= 1 - p[s];
            if (p[l] < 1) {
                nl--;
                small[ns++] = l;
            }
        }
        while (nl > 0) {
            int l = large[--nl];
            threshold[l] = Integer.MAX_VALUE;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            threshold[s] = Integer.MAX_VALUE;
            alias[s] = s;
        }
    }

    /** One draw given two 64-bit random numbers. */
    int sample(long r1, long r2) {
        int i = (int) (((r1 >>> 32) * threshold.length) >>> 32);
        return (int) (r2 >>> 33) < threshold[i] ? i : alias[i];
    }
}
