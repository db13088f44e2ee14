package org.shendu.core.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/**
 * Compares the backward pass with central differences of {@code L = sum(w * f())} (summed in
 * float64 on the host) for up to 12 coordinates of each tensor in {@code wrt}; {@code f} is re-run
 * after each perturbation.
 */
final class GradientCheck {
    private GradientCheck() {}

    static void check(Device device, Random random, String name, Supplier<Tensor> f, List<Tensor> wrt) {
        check(device, random, name, f, wrt, 1e-2f);
    }

    /** With a relative step {@code step}; a smaller one keeps the differences off relu's kink. */
    static void check(Device device, Random random, String name, Supplier<Tensor> f, List<Tensor> wrt, float step) {
        Tensor y0 = f.get();
        float[] w = new float[(int) y0.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Tensor wt = device.tensor(w, y0.dims());
        for (Tensor p : wrt) {
            p.clearGrad();
        }
        y0.mul(wt).sum().backward();
        for (int k = 0; k < wrt.size(); k++) {
            Tensor p = wrt.get(k);
            float[] analytic = p.grad().toFloatArray();
            float[] values = p.toFloatArray();
            int n = values.length;
            for (int c = 0; c < Math.min(12, n); c++) {
                int i = n <= 12 ? c : random.nextInt(n);
                float keep = values[i];
                float h = step * Math.max(1f, Math.abs(keep));
                double up = lossAt(device, f, w, p, values, i, keep + h);
                double down = lossAt(device, f, w, p, values, i, keep - h);
                values[i] = keep;
                Module.assign(p, device.tensor(values, p.dims()));
                double numeric = (up - down) / (2.0 * h);
                double err = Math.abs(numeric - analytic[i]);
                assertTrue(err <= 2e-2 * Math.max(1, Math.abs(numeric)),
                        name + ": d/d(input " + k + ")[" + i + "] analytic " + analytic[i] + " numeric " + numeric);
            }
        }
    }

    private static double lossAt(Device device, Supplier<Tensor> f, float[] w, Tensor p, float[] values, int i,
                                 float v) {
        values[i] = v;
        Module.assign(p, device.tensor(values, p.dims()));
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            float[] y = f.get().toFloatArray();
            double sum = 0;
            for (int j = 0; j < y.length; j++) {
                sum += (double) w[j] * y[j];
            }
            return sum;
        }
    }
}
