package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.Conv2d;
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
        main = module("main", new Sequential(
                Conv2d.builder(device, spec.channels() + spec.classes(), d, 4).stride(2).padding(1).bias(false).build(), Activation.leakyRelu(0.2f),
                Conv2d.builder(device, d, d * 2, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, d * 2), Activation.leakyRelu(0.2f),
                Conv2d.builder(device, d * 2, d * 4, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, d * 4), Activation.leakyRelu(0.2f),
                Conv2d.builder(device, d * 4, d * 8, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, d * 8), Activation.leakyRelu(0.2f),
                Conv2d.builder(device, d * 8, 1, 4).bias(false).build()));
    }

    @Override
    public Tensor forward(Tensor images, Tensor labels) {
        return main.forward(withLabelPlanes(images, labels)).reshape(-1);
    }
}
