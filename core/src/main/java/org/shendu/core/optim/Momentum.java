package org.shendu.core.optim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;

/**
 * SGD with momentum (Polyak 1964; Sutskever et al. 2013), in PyTorch's form:
 * {@code v = mu v + g}, {@code p -= lr v}.
 */
public final class Momentum extends Optimizer {
    private final float mu;
    private final Map<Integer, Tensor> velocity = new HashMap<>();

    public Momentum(List<Tensor> params, float lr, float mu) {
        super(params, lr);
        this.mu = mu;
    }

    @Override
    protected void update(int index, Tensor p, Tensor g) {
        Tensor v = slot(velocity, index, p);
        Tensor nv = v.mul(mu).add(g);
        Module.assign(v, nv);
        Module.assign(p, p.sub(nv.mul(lr)));
    }

    @Override
    public Map<String, Tensor> state() {
        return named("velocity", velocity);
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        restore("velocity", velocity, state);
        this.steps = steps;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of("name", "momentum", "lr", lr, "momentum", mu);
    }
}
