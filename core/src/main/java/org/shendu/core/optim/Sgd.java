package org.shendu.core.optim;

import java.util.List;
import java.util.Map;
import org.shendu.core.Tensor;
import org.shendu.core.spi.BinaryOp;

/** Plain stochastic gradient descent (Robbins and Monro 1951): {@code p -= lr g}. */
public final class Sgd extends Optimizer {
    public Sgd(List<Tensor> params, float lr) {
        super(params, lr);
    }

    @Override
    protected void update(int index, Tensor p, Tensor g) {
        Tensor step = g.mul(lr);
        int[] s = {Math.toIntExact(p.size())};
        p.device().backend().binary(BinaryOp.SUB, p.storage(), s, step.storage(), s, p.storage(), s);
    }

    @Override
    public Map<String, Tensor> state() {
        return Map.of();
    }

    @Override
    public void loadState(Map<String, Tensor> state, long steps) {
        this.steps = steps;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of("name", "sgd", "lr", lr);
    }
}
