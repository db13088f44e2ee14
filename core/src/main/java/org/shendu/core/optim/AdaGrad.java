package org.shendu.core.optim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011): {@code G += g^2}, {@code p -= lr g / (sqrt(G) + eps)},
 * eps = 1e-10 as in PyTorch.
 */
public final class AdaGrad extends Optimizer {
    private final float eps;
    private final Map<Integer, Tensor> sums = new HashMap<>();

    public AdaGrad(List<Tensor> params, float lr) {
        super(params, lr);
        this.eps = 1e-10f;
    }

    @Override
    protected void update(int index, Tensor p, Tensor g) {
        Tensor sum = slot(sums, index, p);
        Tensor ns = sum.add(g.square());
        Module.assign(sum, ns);
        Module.assign(p, p.sub(g.div(ns.sqrt().add(eps)).mul(lr)));
    }

    @Override
    public Map<String, Tensor> state() {
        return named("sum", sums);
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        restore("sum", sums, state);
        this.steps = steps;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of("name", "adagrad", "lr", lr, "eps", eps);
    }
}
