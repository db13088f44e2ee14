package org.shendu.core.nn;

import java.util.function.BiFunction;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Ops;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/**
 * Spectral normalisation (Miyato et al. 2018, "Spectral Normalization for Generative Adversarial
 * Networks") of a {@link Linear} or {@link Conv2d} layer: the layer computes with
 * {@code W_SN = W / sigma(W)}, where {@code sigma} is the largest singular value of W seen as a
 * matrix {@code [out, in*k*k]}, so the layer is (about) 1-Lipschitz. sigma is estimated as PyTorch's
 * {@code torch.nn.utils.spectral_norm} does: one power iteration per training forward pass on
 * persistent vectors, {@code v = W^T u / ||W^T u||}, {@code u = W v / ||W v||} (no gradient), then
 * {@code sigma = u^T W v} with the gradient flowing through W in both places. In evaluation mode u
 * and v stay as they are. u and v are buffers ({@code weight_u}, {@code weight_v}), so a checkpoint
 * saves them and a resumed run continues exactly; the weight and bias keep the wrapped layer's names.
 */
public final class SpectralNorm extends Module implements Layer {
    /** The floor of a vector's norm in the power iteration (PyTorch's eps). */
    static final float EPS = 1e-12f;

    private final Tensor weight, bias, u, v;
    private final BiFunction<Tensor, Tensor, Tensor> op;

    /** {@code op(x, W_SN)} is the wrapped layer's computation with the normalised weight, bias included. */
    private SpectralNorm(Tensor weight, Tensor bias, BiFunction<Tensor, Tensor, Tensor> op) {
        this.weight = parameter("weight", weight);
        this.bias = bias == null ? null : parameter("bias", bias);
        this.op = op;
        Device device = weight.device();
        int rows = weight.dim(0), cols = (int) (weight.size() / rows);
        this.u = buffer("weight_u", () -> normalised(device.normal(0f, 1f, rows)));
        this.v = buffer("weight_v", () -> normalised(device.normal(0f, 1f, cols)));
    }

    /** {@code linear} with a spectrally normalised weight (it shares the weight and bias tensors). */
    public static SpectralNorm of(Linear linear) {
        Tensor b = linear.bias();
        return new SpectralNorm(linear.weight(), b, (x, w) -> {
            Tensor y = x.matmul(w, false, true);
            return b == null ? y : y.add(b);
        });
    }

    /** {@code conv} with a spectrally normalised kernel (it shares the kernel and bias tensors). */
    public static SpectralNorm of(Conv2d conv) {
        int stride = conv.stride(), padding = conv.padding();
        Tensor b = conv.bias();
        return new SpectralNorm(conv.weight(), b, (x, w) -> {
            Tensor y = Ops.conv2d(x, w, stride, padding);
            return b == null ? y : y.add(b.reshape(1, -1, 1, 1));
        });
    }

    /** The unnormalised weight W (what the optimizer steps). */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the wrapped layer has none. */
    public Tensor bias() {
        return bias;
    }

    /** The current estimate {@code u^T W v} of W's largest singular value (no gradient). */
    public float sigma() {
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            return sigma(weight.reshape(weight.dim(0), -1)).item();
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor matrix = weight.reshape(weight.dim(0), -1);
        if (isTraining()) {
            powerIteration(matrix);
        }
        return op.apply(x, weight.div(sigma(matrix)));
    }

    /** One step of the power iteration on the persistent u and v, outside autograd. */
    private void powerIteration(Tensor matrix) {
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            Tensor w = matrix.detach();
            Tensor nextV = normalised(w.matmul(u.reshape(-1, 1), true, false).reshape(-1));
            Tensor nextU = normalised(w.matmul(nextV.reshape(-1, 1)).reshape(-1));
            assign(v, nextV);
            assign(u, nextU);
        }
    }

    /** {@code u^T W v} as a {@code [1, 1]} tensor, differentiable in W. */
    private Tensor sigma(Tensor matrix) {
        return u.reshape(1, -1).matmul(matrix).matmul(v.reshape(-1, 1));
    }

    private static Tensor normalised(Tensor x) {
        return x.div(x.square().sum().sqrt().clampMin(EPS));
    }
}
