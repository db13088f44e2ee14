package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over channel axis 1:
 * {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}. In training the mean and (biased)
 * variance are the batch's, over every axis but the channel's, and the running estimates move by
 * {@code momentum} (the variance unbiased), as in PyTorch; in evaluation the running estimates are
 * used. {@link #of1d} takes {@code [N, C]} or {@code [N, C, L]}, {@link #of2d} {@code [N, C, H, W]}.
 */
public final class BatchNorm extends Module implements Layer {
    private final Tensor weight, bias, runningMean, runningVar;
    private final int channels, rank;
    private final float eps, momentum;

    private BatchNorm(Device device, int channels, int rank, float eps, float momentum) {
        this.channels = channels;
        this.rank = rank;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = parameter("weight", () -> device.full(1f, channels));
        this.bias = parameter("bias", () -> device.zeros(channels));
        this.runningMean = buffer("running_mean", () -> device.zeros(channels));
        this.runningVar = buffer("running_var", () -> device.full(1f, channels));
    }

    /** For {@code [N, C]} or {@code [N, C, L]} inputs. */
    public static BatchNorm of1d(Device device, int channels) {
        return new BatchNorm(device, channels, 1, 1e-5f, 0.1f);
    }

    /** For {@code [N, C, H, W]} inputs. */
    public static BatchNorm of2d(Device device, int channels) {
        return new BatchNorm(device, channels, 2, 1e-5f, 0.1f);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim(1) != channels || (rank == 2 && x.rank() != 4) || (rank == 1 && x.rank() > 3)) {
            throw new IllegalArgumentException("BatchNorm" + rank + "d(" + channels + ") got input " + x.shape());
        }
        int[] statShape = new int[x.rank()];
        java.util.Arrays.fill(statShape, 1);
        statShape[1] = channels;
        if (!isTraining()) {
            Tensor inv = runningVar.add(eps).pow(-0.5f).reshape(statShape);
            return x.sub(runningMean.reshape(statShape)).mul(inv.mul(weight.reshape(statShape)))
                    .add(bias.reshape(statShape));
        }
        long n = x.size() / channels;
        Tensor[] normed = Ops.batchNorm(x, weight, bias, eps);
        try (GradMode off = GradMode.off()) {
            Tensor newMean = runningMean.mul(1 - momentum).add(normed[1].mul(momentum));
            float unbias = n > 1 ? (float) n / (n - 1) : 1f;
            Tensor newVar = runningVar.mul(1 - momentum).add(normed[2].mul(momentum * unbias));
            assign(runningMean, newMean);
            assign(runningVar, newVar);
        }
        return normed[0];
    }
}
