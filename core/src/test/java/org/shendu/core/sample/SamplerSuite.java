package org.shendu.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * The sampler: exact tests where the answer is exact (greedy, the support of top-k and top-p,
 * masked tokens, refused rows, reproducibility) and frequency tests against the renormalised
 * distribution computed in float64. Every backend runs it unchanged (subclass it and name the device).
 */
public abstract class SamplerSuite {
    protected abstract Device device();

    private static final float NEG_INF = Float.NEGATIVE_INFINITY;
    /** Logits of one row: two masked tokens, a clear favourite, a tie, and a long tail. */
    private static final float[] LOGITS = {1.2f, NEG_INF, 2.5f, 0.3f, 0.3f, -1f, NEG_INF, 1.9f, -0.4f, 0.8f};
    private static final int DRAWS = 20000;

    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Tensor repeated(float[] row, int rows) {
        float[] all = new float[rows * row.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, all, r * row.length, row.length);
        }
        return device().tensor(all, rows, row.length);
    }

    /**
     * The float64 distribution a sampler with these options draws from: softmax(logits / T), then
     * the top k kept, then the smallest most-likely set of mass p kept, renormalised.
     */
    static double[] reference(float[] logits, double temperature, int topK, double topP) {
        int v = logits.length;
        double m = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            m = Math.max(m, l / temperature);
        }
        double[] p = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            p[i] = Math.exp(logits[i] / temperature - m);
            sum += p[i];
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) {
            order[i] = i;
            p[i] /= sum;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        boolean[] keep = new boolean[v];
        double mass = 0, kept = 0;
        int count = 0;
        double last = Double.NaN;
        for (int j = 0; j < v; j++) {
            int i = order[j];
            boolean tieWithLast = p[i] == last;
            if ((topK > 0 && count >= topK && !tieWithLast) || (mass >= topP && !tieWithLast) || p[i] == 0) {
                break;
            }
            keep[i] = true;
            mass += p[i];
            count++;
            last = p[i];
        }
        double[] q = new double[v];
        for (int i = 0; i < v; i++) {
            kept += keep[i] ? p[i] : 0;
        }
        for (int i = 0; i < v; i++) {
            q[i] = keep[i] ? p[i] / kept : 0;
        }
        return q;
    }

    private int[] counts(Sampler s, float[] row) {
        int[] ids = s.sampleIds(repeated(row, DRAWS));
        int[] c = new int[row.length];
        for (int id : ids) {
            c[id]++;
        }
        return c;
    }

    /**
     * Pearson's chi-square of the counts against q over q's support, which must hold every draw.
     * The bound 45 is past the 1e-6 tail of chi-square with up to 9 degrees of freedom (about 40),
     * so a correct sampler fails it about once in a million runs; a wrong probability of a few
     * percent moves the statistic into the hundreds at 20000 draws.
     */
    private static void assertFollows(double[] q, int[] counts, String what) {
        double chi2 = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] == 0) {
                assertEquals(0, counts[i], what + ": token " + i + " is outside the support but was drawn");
                continue;
            }
            double e = q[i] * DRAWS;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        assertTrue(chi2 < 45, what + ": chi-square " + chi2 + " for counts " + Arrays.toString(counts)
                + " against " + Arrays.toString(q));
    }

    @Test
    void plainTemperatureAndTruncatedDrawsFollowTheirDistributions() {
        assertFollows(reference(LOGITS, 1, 0, 1), counts(Sampler.builder().seed(1).build(), LOGITS), "T=1");
        assertFollows(reference(LOGITS, 0.7, 0, 1), counts(Sampler.builder().temperature(0.7f).seed(2).build(), LOGITS),
                "T=0.7");
        assertFollows(reference(LOGITS, 1.5, 3, 1), counts(Sampler.builder().temperature(1.5f).topK(3).seed(3).build(),
                LOGITS), "top-k 3");
        assertFollows(reference(LOGITS, 1, 0, 0.8), counts(Sampler.builder().topP(0.8f).seed(4).build(), LOGITS),
                "top-p 0.8");
        assertFollows(reference(LOGITS, 0.9, 5, 0.95), counts(Sampler.builder().temperature(0.9f).topK(5).topP(0.95f)
                .seed(5).build(), LOGITS), "top-k 5 and top-p 0.95");
    }

    @Test
    void theSupportIsExact() {
        // top-k 2: only the two largest logits (indices 2 and 7); top-p 0.5: the favourite alone
        // holds about 0.41 of the mass, so the second one is needed too.
        int[] c = counts(Sampler.builder().topK(2).seed(6).build(), LOGITS);
        assertEquals(DRAWS, c[2] + c[7], Arrays.toString(c));
        double[] q = reference(LOGITS, 1, 0, 0.5);
        int[] d = counts(Sampler.builder().topP(0.5f).seed(7).build(), LOGITS);
        for (int i = 0; i < q.length; i++) {
            assertEquals(q[i] > 0, d[i] > 0, "top-p 0.5 support at token " + i + ": " + Arrays.toString(d));
        }
        // A favourite that alone holds the mass is the whole nucleus.
        float[] peaked = {0f, 8f, 1f, 0.5f};
        assertEquals(DRAWS, counts(Sampler.builder().topP(0.9f).seed(8).build(), peaked)[1]);
        // top-k with a tie at the k-th place keeps both tied tokens (3 and 4 in LOGITS at k = 5).
        int[] t = counts(Sampler.builder().topK(5).seed(9).build(), LOGITS);
        assertTrue(t[3] > 0 && t[4] > 0 && t[5] == 0 && t[8] == 0, Arrays.toString(t));
    }

    @Test
    void greedyTakesTheFirstMaximum() {
        float[] rows = {0.1f, 3f, 3f, NEG_INF, NEG_INF, 2f, -2f, 7f, 5f};
        Tensor logits = device().tensor(rows, 3, 3);
        assertArrayEquals(new int[] {1, 2, 1}, Sampler.builder().greedy().build().sampleIds(logits));
        int[] cold = Sampler.builder().temperature(1e-3f).seed(3).build().sampleIds(logits);
        assertTrue(cold[0] == 1 || cold[0] == 2, "an exact tie stays a draw between the tied tokens");
        assertArrayEquals(new int[] {2, 1}, Arrays.copyOfRange(cold, 1, 3), "a very low temperature is greedy");
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        Tensor logits = repeated(LOGITS, 500);
        int[] a = Sampler.builder().seed(42).build().sampleIds(logits);
        int[] b = Sampler.builder().seed(42).build().sampleIds(logits);
        Sampler c = Sampler.builder().seed(43).build();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c.sampleIds(logits)));
        c.seed(42);
        assertArrayEquals(a, c.sampleIds(logits), "reseeding restarts the sequence");
    }

    @Test
    void unusableRowsAreRefusedByNumber() {
        float[] rows = {0f, 1f, NEG_INF, NEG_INF};
        ShenduException e = assertThrows(ShenduException.class,
                () -> Sampler.builder().build().sample(device().tensor(rows, 2, 2)));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("masked"), e.getMessage());
        e = assertThrows(ShenduException.class,
                () -> Sampler.builder().greedy().build().sample(device().tensor(new float[] {0f, Float.NaN}, 1, 2)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(ShenduException.class, () -> Sampler.builder().topP(0f));
        assertTrue(e.getMessage().contains("top-p"), e.getMessage());
        e = assertThrows(ShenduException.class, () -> Sampler.builder().temperature(-1f));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }
}
