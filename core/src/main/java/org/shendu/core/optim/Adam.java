package org.shendu.core.optim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Tensor;

/**
 * Adam (Kingma and Ba 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code p -= lr m^ / (sqrt(v^) + eps)} with bias-corrected {@code m^, v^}; defaults (0.9, 0.999),
 * 1e-8, no weight decay. Runs as the backend's fused step.
 *
 * <p>Weight decay comes in the two forms PyTorch has: {@link Builder#weightDecay} adds
 * {@code wd p} to the gradient before the moments (L2 regularisation, {@code torch.optim.Adam}),
 * {@link Builder#decoupledWeightDecay} shrinks the weights apart from the moments,
 * {@code p -= lr wd p} before the Adam step (AdamW, Loshchilov and Hutter 2019, "Decoupled Weight
 * Decay Regularization"; {@code torch.optim.AdamW}).
 */
public final class Adam extends Optimizer {
    private final float beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final Map<Integer, Tensor> m = new HashMap<>(), v = new HashMap<>();

    /** Adam with the default betas, eps and no weight decay. */
    public Adam(List<Tensor> params, float lr) {
        this(builder(params, lr));
    }

    private Adam(Builder b) {
        super(b.params, b.lr);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decoupled = b.decoupled;
    }

    /** Adam over {@code params} with learning rate {@code lr}; the rest is optional. */
    public static Builder builder(List<Tensor> params, float lr) {
        return new Builder(params, lr);
    }

    /** AdamW: Adam with decoupled weight decay {@code wd} (PyTorch's AdamW default is 0.01). */
    public static Adam adamW(List<Tensor> params, float lr, float wd) {
        return builder(params, lr).decoupledWeightDecay(wd).build();
    }

    @Override
    protected void update(int index, Tensor p, Tensor g) {
        Tensor mi = slot(m, index, p), vi = slot(v, index, p);
        if (weightDecay != 0f) {
            if (decoupled) {
                assignInPlace(p, p.mul(1f - lr * weightDecay));
            } else {
                g = g.add(p.mul(weightDecay));
            }
        }
        p.device().backend().adamStep(p.storage(), g.storage(), mi.storage(), vi.storage(), lr, beta1, beta2, eps, steps);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(named("m", m));
        out.putAll(named("v", v));
        return out;
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        restore("m", m, state);
        restore("v", v, state);
        this.steps = steps;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", decoupled ? "adamw" : "adam");
        h.put("lr", lr);
        h.put("beta1", beta1);
        h.put("beta2", beta2);
        h.put("eps", eps);
        h.put("weight_decay", weightDecay);
        return h;
    }

    /** The optional settings of {@link Adam}, named as PyTorch's keyword arguments. */
    public static final class Builder {
        private final List<Tensor> params;
        private final float lr;
        private float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f, weightDecay;
        private boolean decoupled;

        private Builder(List<Tensor> params, float lr) {
            if (!(lr > 0f)) {
                throw new IllegalArgumentException("Adam: learning rate must be positive, got " + lr);
            }
            this.params = params;
            this.lr = lr;
        }

        /** Decay rates of the first and second moments (default 0.9, 0.999), each in [0, 1). */
        public Builder betas(float beta1, float beta2) {
            if (!(beta1 >= 0f && beta1 < 1f && beta2 >= 0f && beta2 < 1f)) {
                throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Added to the denominator (default 1e-8). */
        public Builder eps(float eps) {
            if (!(eps >= 0f)) {
                throw new IllegalArgumentException("Adam: eps must be >= 0, got " + eps);
            }
            this.eps = eps;
            return this;
        }

        /** L2 weight decay added to the gradient (torch.optim.Adam's {@code weight_decay}; default 0). */
        public Builder weightDecay(float wd) {
            return decay(wd, false);
        }

        /** Decoupled weight decay (AdamW; default 0). Replaces any {@link #weightDecay}. */
        public Builder decoupledWeightDecay(float wd) {
            return decay(wd, true);
        }

        private Builder decay(float wd, boolean decoupled) {
            if (!(wd >= 0f)) {
                throw new IllegalArgumentException("Adam: weight decay must be >= 0, got " + wd);
            }
            this.weightDecay = wd;
            this.decoupled = decoupled;
            return this;
        }

        public Adam build() {
            return new Adam(this);
        }
    }
}
