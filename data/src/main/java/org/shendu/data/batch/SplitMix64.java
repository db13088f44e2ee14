package org.shendu.data.batch;

/**
 * The SplitMix64 generator (Steele, Lea and Flood 2014) and the Fisher-Yates permutation the quality
 * anchors fix their data splits with ({@code shared/anchors/quality/QUALITY.md} §0), so that a split
 * made here is the very split the PyTorch reference made:
 * <pre>
 *   state += 0x9E3779B97F4A7C15; z = state
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   next = z ^ (z >>> 31)
 *   perm = 0..n-1; for i = n-1 down to 1: j = next() mod (i+1) (unsigned); swap perm[i], perm[j]
 * </pre>
 */
public final class SplitMix64 {
    private long state;

    /** Starts from a seed, or from a {@link #state()} saved earlier (the stream then continues exactly). */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The whole generator state: save it to resume the stream. */
    public long state() {
        return state;
    }

    public long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The anchors' permutation of 0..n-1 for this seed. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplitMix64 random = new SplitMix64(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(random.next(), i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
