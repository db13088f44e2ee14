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
 */
public final class Adam extends Optimizer {
    private final float beta1, beta2, eps;
    private final Map<Integer, Tensor> m = new HashMap<>(), v = new HashMap<>();

    public Adam(List<Tensor> params, float lr) {
        this(params, lr, 0.9f, 0.999f, 1e-8f);
    }

    public Adam(List<Tensor> params, float lr, float beta1, float beta2, float eps) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    @Override
    protected void update(int index, Tensor p, Tensor g) {
        Tensor mi = slot(m, index, p), vi = slot(v, index, p);
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
        return Map.of("name", "adam", "lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps);
    }
}
