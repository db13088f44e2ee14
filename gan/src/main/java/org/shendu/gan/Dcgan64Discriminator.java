package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.Layer;
import org.shendu.core.nn.Sequential;

/**
 * pytorch/examples' DCGAN discriminator at 64x64 (ndf = 64): Conv(channels->64, k4 s2 p1) LeakyReLU(0.2),
 * three Conv(k4 s2 p1) doubling the channels with BatchNorm and LeakyReLU(0.2), then Conv(512->1, k4 s1 p0);
 * no biases. It ends in a logit: the example's sigmoid is fused into the BCE-with-logits loss.
 */
public final class Dcgan64Discriminator extends Discriminator {
    private final Sequential main;

    public Dcgan64Discriminator(Device device, GanSpec spec) {
        int d = Dcgan64Generator.WIDTH;
        int c = spec.channels() + spec.classes();
        main = module("main", new Sequential(
                conv(device, spec, c, d, 2, 1), Activation.leakyRelu(0.2f),
                conv(device, spec, d, d * 2, 2, 1), BatchNorm.of2d(device, d * 2), Activation.leakyRelu(0.2f),
                conv(device, spec, d * 2, d * 4, 2, 1), BatchNorm.of2d(device, d * 4), Activation.leakyRelu(0.2f),
                conv(device, spec, d * 4, d * 8, 2, 1), BatchNorm.of2d(device, d * 8), Activation.leakyRelu(0.2f),
                conv(device, spec, d * 8, 1, 1, 0)));
    }

    /** A 4x4 convolution without bias, spectrally normalised when the spec asks for it. */
    private static Layer conv(Device device, GanSpec spec, int in, int out, int stride, int padding) {
        return normalised(spec, Conv2d.builder(device, in, out, 4).stride(stride).padding(padding).bias(false).build());
    }

    @Override
    public Tensor forward(Tensor images, Tensor labels) {
        return main.forward(withLabelPlanes(images, labels)).reshape(-1);
    }
}
