package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.Layer;
import org.shendu.core.nn.Linear;

/**
 * The {@code dcgan_mnist} discriminator of {@code anchors/WORKLOADS.md}: Conv(channels->64, k4 s2 p1)
 * -> LeakyReLU(0.2) -> Conv(64->128, k4 s2 p1) -> BatchNorm -> LeakyReLU(0.2) -> Linear(128x7x7, 1),
 * a logit. Conditional: the label planes enter as extra input channels.
 */
public final class DcganMnistDiscriminator extends Discriminator {
    private final Layer conv1, conv2, fc;
    private final BatchNorm bn2;

    public DcganMnistDiscriminator(Device device, GanSpec spec) {
        conv1 = layer("conv1", spec, Conv2d.builder(device, spec.channels() + spec.classes(), 64, 4).stride(2).padding(1).build());
        conv2 = layer("conv2", spec, Conv2d.builder(device, 64, 128, 4).stride(2).padding(1).bias(false).build());
        bn2 = module("bn2", BatchNorm.of2d(device, 128));
        fc = layer("fc", spec, new Linear(device, 128 * 7 * 7, 1));
    }

    @Override
    public Tensor forward(Tensor images, Tensor labels) {
        Tensor x = conv1.forward(withLabelPlanes(images, labels)).leakyRelu(0.2f);
        x = bn2.forward(conv2.forward(x)).leakyRelu(0.2f);
        return fc.forward(x.flatten(1)).reshape(-1);
    }
}
