package org.shendu.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/** Adam's two weight-decay forms against hand-computed and PyTorch-computed steps. */
class AdamTest {
    private static final double LR = 0.1, WD = 0.1, B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private static final double[] P0 = {1.0, -2.0, 0.5};
    private static final float[][] GRADS = {{0.5f, 0.1f, -0.3f}, {-0.2f, 0.4f, 0.3f}};

    private final Device device = Device.cpu();
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private float[] run(Adam.Builder builder) {
        Adam adam = builder.build();
        Tensor p = adam.params().get(0);
        for (float[] g : GRADS) {
            p.setGrad(Scope.detached(() -> device.tensor(g.clone(), g.length)));
            adam.step();
            adam.zeroGrad();
        }
        return p.toFloatArray();
    }

    private Tensor param() {
        return Scope.detached(() -> device.tensor(new float[] {1f, -2f, 0.5f}, 3)).requiresGrad(true);
    }

    @Test
    void decoupledDecayMatchesTheHandComputedFirstStep() {
        Tensor p = param();
        Adam adamW = Adam.adamW(List.of(p), (float) LR, (float) WD);
        p.setGrad(Scope.detached(() -> device.tensor(GRADS[0].clone(), 3)));
        adamW.step();
        float[] got = p.toFloatArray();
        for (int i = 0; i < 3; i++) {
            double g = GRADS[0][i];
            double m = (1 - B1) * g, v = (1 - B2) * g * g;
            double mHat = m / (1 - B1), vHat = v / (1 - B2);
            double expected = P0[i] * (1 - LR * WD) - LR * mHat / (Math.sqrt(vHat) + EPS);
            assertEquals(expected, got[i], 1e-6, "element " + i);
        }
        assertEquals("adamw", adamW.hyperparameters().get("name"));
    }

    @Test
    void twoStepsMatchPyTorch() {
        // torch 1.13, float64: AdamW([p], lr=0.1, weight_decay=0.1) and Adam(..., weight_decay=0.1),
        // p = [1, -2, 0.5], grads [0.5, 0.1, -0.3] then [-0.2, 0.4, 0.3].
        float[] adamW = run(Adam.builder(List.of(param()), (float) LR).decoupledWeightDecay((float) WD));
        assertArrayEquals(new float[] {0.8465394180965108f, -2.147637636124883f, 0.5837868389807019f}, adamW, 1e-6f);
        float[] l2 = run(Adam.builder(List.of(param()), (float) LR).weightDecay((float) WD));
        assertArrayEquals(new float[] {0.8475190629593703f, -1.9383950852503757f, 0.5770758308863716f}, l2, 1e-6f);
    }

    @Test
    void builderRefusesNonsense() {
        List<Tensor> none = List.of();
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(none, 0f));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(none, 0.1f).betas(1f, 0.999f));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder(none, 0.1f).weightDecay(-1f));
    }
}
