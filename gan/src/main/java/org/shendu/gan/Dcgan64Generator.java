package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.ConvTranspose2d;
import org.shendu.core.nn.Sequential;

/**
 * pytorch/examples' DCGAN generator at 64x64 (ngf = 64): ConvTranspose(latent->512, k4 s1 p0) and
 * three ConvTranspose(k4 s2 p1) halving the channels, each with BatchNorm and ReLU, then
 * ConvTranspose(64->channels, k4 s2 p1) -> tanh; no biases. Names {@code main.0.weight}, ... as there.
 */
public final class Dcgan64Generator extends Generator {
    static final int WIDTH = 64;
    private final GanSpec spec;
    private final Sequential main;

    public Dcgan64Generator(Device device, GanSpec spec) {
        this.spec = spec;
        int g = WIDTH;
        main = module("main", new Sequential(
                ConvTranspose2d.builder(device, spec.latent() + spec.classes(), g * 8, 4).bias(false).build(), BatchNorm.of2d(device, g * 8),
                Activation.relu(),
                ConvTranspose2d.builder(device, g * 8, g * 4, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, g * 4), Activation.relu(),
                ConvTranspose2d.builder(device, g * 4, g * 2, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, g * 2), Activation.relu(),
                ConvTranspose2d.builder(device, g * 2, g, 4).stride(2).padding(1).bias(false).build(), BatchNorm.of2d(device, g), Activation.relu(),
                ConvTranspose2d.builder(device, g, spec.channels(), 4).stride(2).padding(1).bias(false).build(), Activation.tanh()));
    }

    @Override
    public Tensor forward(Tensor z, Tensor labels) {
        Tensor in = labels == null ? z : Tensor.concat(1, z, labels);
        return main.forward(in.reshape(z.dim(0), in.dim(1), 1, 1));
    }

    @Override
    public GanSpec spec() {
        return spec;
    }
}
