package org.shendu.core.sample;

import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Ops;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * Draws the next token of each row of {@code [B, V]} logits on the device: greedy (the argmax), or
 * a categorical draw from {@code softmax(logits / temperature)} restricted to the top k tokens
 * and/or the nucleus (Holtzman et al. 2020: the smallest set of most likely tokens whose
 * probability reaches p), renormalised. Draws use the Gumbel-max trick
 * ({@code argmax(z + G)}, {@code G = -log(-log U)}), an exact categorical sample made of device
 * ops, with uniforms from this sampler's own seeded sequence: the same seed gives the same tokens
 * on the same backend.
 *
 * <p>A logit of {@code -inf} masks its token (never drawn); a row whose every logit is {@code -inf},
 * or that holds NaN or {@code +inf}, is refused with the row's number. That check reads one float
 * per row to the host. The nucleus threshold is found by bisection on the device (32 halvings), so
 * tokens whose probabilities differ by less than {@code 2^-32} of the largest are kept or dropped
 * together.
 */
public final class Sampler {
    private final float temperature;
    private final int topK;
    private final float topP;
    private long seeds;

    /** Options; defaults: temperature 1, no top-k, no top-p, seed 0. */
    public static final class Builder {
        private float temperature = 1f;
        private int topK;
        private float topP = 1f;
        private long seed;

        private Builder() {}

        /** Divides the logits before the softmax; 0 means greedy. */
        public Builder temperature(float t) {
            if (!(t >= 0) || Float.isInfinite(t)) {
                throw new ShenduException("temperature must be a finite number >= 0 (0 = greedy), got " + t);
            }
            temperature = t;
            return this;
        }

        /** Always takes the most likely token (temperature 0). */
        public Builder greedy() {
            return temperature(0f);
        }

        /** Draws only among the k most likely tokens; 0 turns it off. */
        public Builder topK(int k) {
            if (k < 0) {
                throw new ShenduException("top-k must be >= 0 (0 = off), got " + k);
            }
            topK = k;
            return this;
        }

        /** Draws only from the nucleus of probability p, in (0, 1]; 1 turns it off. */
        public Builder topP(float p) {
            if (!(p > 0 && p <= 1)) {
                throw new ShenduException("top-p must be in (0, 1], got " + p);
            }
            topP = p;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        public Sampler build() {
            return new Sampler(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private Sampler(Builder b) {
        temperature = b.temperature;
        topK = b.topK;
        topP = b.topP;
        seeds = b.seed;
    }

    /** Restarts the draws from {@code seed}. */
    public void seed(long seed) {
        seeds = seed;
    }

    /** One token id per row of {@code logits [B, V]}, as an int tensor {@code [B]} on the device. */
    public Tensor sample(Tensor logits) {
        if (logits.rank() != 2 || logits.dim(1) == 0) {
            throw new ShenduException("the sampler needs logits [B, V] with V >= 1, got " + logits.shape());
        }
        try (GradMode off = GradMode.off()) {
            Tensor[] best = Ops.max(logits, 1);
            check(best[0].toFloatArray());
            if (temperature == 0f) {
                return best[1];
            }
            Tensor z = logits.mul(1f / temperature);
            Device d = logits.device();
            Tensor minusInf = d.full(Float.NEGATIVE_INFINITY, 1);
            if (topK > 0 && topK < logits.dim(1)) {
                Tensor kth = z.topk(topK)[0].narrow(1, topK - 1, 1);
                z = Tensor.where(atLeast(z, kth), z, minusInf);
            }
            if (topP < 1f) {
                Tensor p = z.softmax();
                Tensor threshold = nucleusThreshold(p, topP);
                z = Tensor.where(atLeast(p, threshold), z, minusInf);
            }
            return z.add(gumbel(d, logits.dims())).argmax(1);
        }
    }

    /** {@link #sample} read back to the host. */
    public int[] sampleIds(Tensor logits) {
        return sample(logits).toIntArray();
    }

    private static void check(float[] rowMax) {
        for (int r = 0; r < rowMax.length; r++) {
            float m = rowMax[r];
            if (Float.isNaN(m)) {
                throw new ShenduException("row " + r + " of the logits holds NaN: nothing can be sampled from it");
            }
            if (m == Float.NEGATIVE_INFINITY) {
                throw new ShenduException("row " + r + " of the logits is -inf everywhere (every token masked):"
                        + " leave at least one token allowed");
            }
            if (m == Float.POSITIVE_INFINITY) {
                throw new ShenduException("row " + r + " of the logits holds +inf: mask with -inf, never raise with +inf");
            }
        }
    }

    /** 1 where {@code x >= t} (broadcast), else 0. */
    private static Tensor atLeast(Tensor x, Tensor t) {
        return t.gt(x).neg().add(1f);
    }

    /**
     * Per row, the largest t whose tokens {@code p >= t} hold at least {@code mass}: bisection on the
     * device between 0 (all tokens, mass 1) and the row's largest probability. {@code [B, 1]}.
     */
    private static Tensor nucleusThreshold(Tensor p, float mass) {
        int batch = p.dim(0);
        Tensor lo = p.device().zeros(batch, 1);
        Tensor hi = p.max(1).reshape(batch, 1);
        Tensor target = p.device().full(mass, 1);
        for (int i = 0; i < 32; i++) {
            Tensor mid = lo.add(hi).mul(0.5f);
            Tensor held = p.mul(atLeast(p, mid)).sum(true, 1);
            Tensor enough = atLeast(held, target);
            lo = Tensor.where(enough, mid, lo);
            hi = Tensor.where(enough, hi, mid);
        }
        // hi never holds enough unless it is still the largest probability, which alone suffices.
        Tensor topAlone = atLeast(p.max(1).reshape(batch, 1), target);
        return Tensor.where(topAlone, hi, lo);
    }

    /** Standard Gumbel noise {@code -log(-log U)}, U kept inside (0, 1) so that no draw is infinite. */
    private Tensor gumbel(Device d, int[] shape) {
        Tensor u = d.zeros(shape);
        d.backend().randomUniform(u.storage(), nextSeed(), 0f, 1f);
        // A float uniform can round to 1 (or be 0): both would give an infinite draw.
        float below1 = Math.nextDown(1f);
        Tensor inside = u.neg().clampMin(-below1).neg().clampMin(Float.MIN_NORMAL);
        return inside.log().neg().log().neg();
    }

    private long nextSeed() {
        long z = seeds += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
