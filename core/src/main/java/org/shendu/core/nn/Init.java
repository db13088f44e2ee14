package org.shendu.core.nn;

import org.shendu.core.Tensor;

/**
 * Weight initialisation in place: Xavier/Glorot (Glorot and Bengio 2010) uniform and normal,
 * He/Kaiming (He et al. 2015) normal and uniform for ReLU networks, and N(0, 0.02) (the DCGAN
 * paper, Radford et al. 2016). Fans follow PyTorch: {@code [out, in, k...]} gives
 * {@code fan_in = in k...}, {@code fan_out = out k...}.
 */
public final class Init {
    private Init() {}

    private static int receptive(Tensor t) {
        return t.rank() > 2 ? t.shape().product(2, t.rank()) : 1;
    }

    static int fanIn(Tensor t) {
        return t.rank() < 2 ? t.dim(0) : t.dim(1) * receptive(t);
    }

    static int fanOut(Tensor t) {
        return t.dim(0) * receptive(t);
    }

    public static Tensor uniform(Tensor t, float lo, float hi) {
        t.device().backend().randomUniform(t.storage(), t.device().nextSeed(), lo, hi);
        return t;
    }

    public static Tensor normal(Tensor t, float mean, float std) {
        t.device().backend().randomNormal(t.storage(), t.device().nextSeed(), mean, std);
        return t;
    }

    public static Tensor constant(Tensor t, float value) {
        t.device().backend().fill(t.storage(), value);
        return t;
    }

    /** U(-a, a), {@code a = sqrt(6 / (fan_in + fan_out))}. */
    public static Tensor xavierUniform(Tensor t) {
        float a = (float) Math.sqrt(6.0 / (fanIn(t) + fanOut(t)));
        return uniform(t, -a, a);
    }

    /** N(0, 2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor t) {
        return normal(t, 0f, (float) Math.sqrt(2.0 / (fanIn(t) + fanOut(t))));
    }

    /** N(0, 2 / fan_in). */
    public static Tensor heNormal(Tensor t) {
        return normal(t, 0f, (float) Math.sqrt(2.0 / fanIn(t)));
    }

    /** U(-a, a), {@code a = sqrt(6 / fan_in)}. */
    public static Tensor heUniform(Tensor t) {
        float a = (float) Math.sqrt(6.0 / fanIn(t));
        return uniform(t, -a, a);
    }

    /** N(0, 0.02^2), the DCGAN initialisation. */
    public static Tensor dcgan(Tensor t) {
        return normal(t, 0f, 0.02f);
    }
}
