package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Layer;
import org.shendu.core.nn.Linear;

/**
 * The course's fully connected discriminator: flattened image (with the one-hot label when
 * conditional) -> Linear(128) -> LeakyReLU(0.01) -> Linear(1), a logit.
 */
public final class MlpDiscriminator extends Discriminator {
    private final Layer fc1, fc2;

    public MlpDiscriminator(Device device, GanSpec spec) {
        fc1 = layer("fc1", spec, new Linear(device, spec.channels() * spec.size() * spec.size() + spec.classes(), MlpGenerator.HIDDEN));
        fc2 = layer("fc2", spec, new Linear(device, MlpGenerator.HIDDEN, 1));
    }

    @Override
    public Tensor forward(Tensor images, Tensor labels) {
        Tensor x = images.flatten(1);
        if (labels != null) {
            x = Tensor.concat(1, x, labels);
        }
        return fc2.forward(fc1.forward(x).leakyRelu(MlpGenerator.SLOPE)).reshape(-1);
    }
}
