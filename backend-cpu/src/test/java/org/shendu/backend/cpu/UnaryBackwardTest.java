package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shendu.core.DType;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.ComposedOps;
import org.shendu.core.spi.Storage;
import org.shendu.core.spi.UnaryOp;

/**
 * The CPU backend's fused unary derivatives equal the SPI's composed default (forward primitives
 * only), and both equal {@link UnaryOp#derivative} in float64, for every op, at zero, at the
 * max-scalar threshold and on both sides of each.
 */
class UnaryBackwardTest {
    @Test
    void cpuOverrideEqualsTheComposedDefault() {
        Backend cpu = new CpuBackend(1);
        Random r = new Random(9);
        int n = 64;
        float[] xs = new float[n], gys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i < 4 ? new float[] {0f, 0.3f, -0.3f, 1f}[i] : (float) (r.nextGaussian() * 2);
            gys[i] = (float) r.nextGaussian();
        }
        for (UnaryOp op : UnaryOp.values()) {
            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW
                    || op == UnaryOp.RECIPROCAL;
            float alpha = switch (op) {
                case LEAKY_RELU -> 0.2f;
                case SCALE -> -1.5f;
                case ADD_SCALAR -> 0.75f;
                case POW -> 2.5f;
                case MAX_SCALAR -> 0.3f;
                default -> 0f;
            };
            float[] xv = xs.clone();
            if (positive) {
                for (int i = 0; i < n; i++) {
                    xv[i] = Math.abs(xv[i]) + 0.25f;
                }
            }
            Storage x = cpu.upload(xv), y = cpu.allocate(DType.FLOAT32, n), gy = cpu.upload(gys);
            cpu.unary(op, alpha, x, y);
            Storage fused = cpu.allocate(DType.FLOAT32, n), composed = cpu.allocate(DType.FLOAT32, n);
            cpu.unaryBackward(op, alpha, x, y, gy, fused);
            ComposedOps.unaryBackward(cpu, op, alpha, x, y, gy, composed);
            float[] f = cpu.download(fused), c = cpu.download(composed), yv = cpu.download(y);
            for (int i = 0; i < n; i++) {
                String at = op + " at x = " + xv[i];
                assertEquals(f[i], c[i], 2e-6 * Math.max(1, Math.abs(f[i])), at + ": fused vs composed");
                double want = gys[i] * op.derivative(xv[i], yv[i], alpha);
                assertEquals(want, c[i], 1e-5 * Math.max(1, Math.abs(want)), at + ": composed vs float64");
            }
        }
    }
}
