package org.shendu.core.optim;

import java.util.List;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.spi.BinaryOp;

/**
 * Gradient-norm clipping (Pascanu et al. 2013): when the global norm {@code ||g||} of all
 * gradients exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / ||g||}. Stays on
 * the device: the scale is a tensor, never read back.
 */
public final class GradClip {
    private GradClip() {}

    /** Clips in place and returns the norm before clipping (a one-element tensor, caller's scope). */
    public static Tensor clipNorm(List<Tensor> params, float maxNorm) {
        Tensor norm;
        try (GradMode off = GradMode.off()) {
            Tensor total = null;
            for (Tensor p : params) {
                if (p.grad() != null) {
                    Tensor sq = p.grad().square().sum();
                    total = total == null ? sq : total.add(sq);
                }
            }
            if (total == null) {
                return null;
            }
            norm = total.sqrt();
            try (Scope s = Scope.open()) {
                // scale = maxNorm / max(norm, maxNorm): 1 when under the limit.
                Tensor scale = norm.clampMin(maxNorm).reciprocal().mul(maxNorm);
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        int[] shape = {Math.toIntExact(p.size())};
                        p.device().backend().binary(BinaryOp.MUL, p.grad().storage(), shape, scale.storage(),
                                new int[] {1}, p.grad().storage(), shape);
                    }
                }
            }
        }
        return norm;
    }
}
