package org.shendu.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

class GanLossTest {
    private static final Device CPU = Device.cpu();

    /** The hinge loss by hand on logits (-2, 0.5, 3): relu(1 - l), relu(1 + l), -l, each averaged. */
    @Test
    void hinge() {
        try (Scope s = Scope.open()) {
            Tensor l = CPU.tensor(new float[] {-2f, 0.5f, 3f}, 3);
            assertEquals((3 + 0.5 + 0) / 3, GanLoss.HINGE.real(l, 1f).item(), 1e-6);
            assertEquals((0 + 1.5 + 4) / 3, GanLoss.HINGE.fake(l).item(), 1e-6);
            assertEquals(-0.5, GanLoss.HINGE.generator(l).item(), 1e-6);
        }
    }

    /** BCE with logits by hand: -t log sigma(l) - (1 - t) log(1 - sigma(l)), averaged; t 0.9 for smoothed real images. */
    @Test
    void bce() {
        try (Scope s = Scope.open()) {
            float[] v = {-2f, 0.5f, 3f};
            Tensor l = CPU.tensor(v, 3);
            double real = 0, fake = 0;
            for (float x : v) {
                double p = 1 / (1 + Math.exp(-x));
                real += -(0.9 * Math.log(p) + 0.1 * Math.log(1 - p)) / 3;
                fake += -Math.log(1 - p) / 3;
            }
            assertEquals(real, GanLoss.BCE.real(l, 0.9f).item(), 1e-6);
            assertEquals(fake, GanLoss.BCE.fake(l).item(), 1e-6);
            assertEquals(GanLoss.BCE.real(l, 1f).item(), GanLoss.BCE.generator(l).item(), 0f);
        }
    }
}
