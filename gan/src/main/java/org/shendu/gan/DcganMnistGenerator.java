package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.ConvTranspose2d;
import org.shendu.core.nn.Linear;

/**
 * The {@code dcgan_mnist} generator of {@code anchors/WORKLOADS.md} (a DCGAN, Radford et al. 2016,
 * sized for 28x28): Linear(latent, 128x7x7) -> BatchNorm -> ReLU -> ConvTranspose(128->64, k4 s2 p1)
 * -> BatchNorm -> ReLU -> ConvTranspose(64->channels, k4 s2 p1) -> tanh. Parameter names as in
 * {@code anchors/quality/dcgan.py}.
 */
public final class DcganMnistGenerator extends Generator {
    private final GanSpec spec;
    private final Linear fc;
    private final BatchNorm bn0, bn1;
    private final ConvTranspose2d deconv1, deconv2;

    public DcganMnistGenerator(Device device, GanSpec spec) {
        this.spec = spec;
        fc = module("fc", new Linear(device, spec.latent() + spec.classes(), 128 * 7 * 7));
        bn0 = module("bn0", BatchNorm.of2d(device, 128));
        deconv1 = module("deconv1", ConvTranspose2d.builder(device, 128, 64, 4).stride(2).padding(1).bias(false).build());
        bn1 = module("bn1", BatchNorm.of2d(device, 64));
        deconv2 = module("deconv2", ConvTranspose2d.builder(device, 64, spec.channels(), 4).stride(2).padding(1).build());
    }

    @Override
    public Tensor forward(Tensor z, Tensor labels) {
        Tensor in = labels == null ? z : Tensor.concat(1, z, labels);
        Tensor x = bn0.forward(fc.forward(in).reshape(z.dim(0), 128, 7, 7)).relu();
        x = bn1.forward(deconv1.forward(x)).relu();
        return deconv2.forward(x).tanh();
    }

    @Override
    public GanSpec spec() {
        return spec;
    }
}
