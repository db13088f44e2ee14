package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Linear;

/**
 * The course's fully connected generator (the TensorFlow MNIST GAN it follows): z (with the one-hot
 * label when conditional) -> Linear(128) -> LeakyReLU(0.01) -> Linear(channels x size x size) -> tanh,
 * reshaped to images.
 */
public final class MlpGenerator extends Generator {
    static final int HIDDEN = 128;
    static final float SLOPE = 0.01f;
    private final GanSpec spec;
    private final Linear fc1, fc2;

    public MlpGenerator(Device device, GanSpec spec) {
        this.spec = spec;
        fc1 = module("fc1", new Linear(device, spec.latent() + spec.classes(), HIDDEN));
        fc2 = module("fc2", new Linear(device, HIDDEN, spec.channels() * spec.size() * spec.size()));
    }

    @Override
    public Tensor forward(Tensor z, Tensor labels) {
        Tensor in = labels == null ? z : Tensor.concat(1, z, labels);
        Tensor h = fc1.forward(in).leakyRelu(SLOPE);
        return fc2.forward(h).tanh().reshape(z.dim(0), spec.channels(), spec.size(), spec.size());
    }

    @Override
    public GanSpec spec() {
        return spec;
    }
}
