package org.shendu.cnn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.Dropout;
import org.shendu.core.nn.Layer;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.MaxPool2d;
import org.shendu.core.nn.Module;

/**
 * The course's MNIST network (TensorFlow's "Deep MNIST" tutorial; LeCun et al. 1998 in spirit):
 * conv 5x5 (1->32, pad 2), ReLU, max-pool 2 -> conv 5x5 (32->64, pad 2), ReLU, max-pool 2 ->
 * flatten 3136 -> linear 1024, ReLU, dropout 0.5 -> linear 10 (logits). 3,274,634 parameters.
 */
public final class MnistCnn extends Module implements Layer {
    public static final int CLASSES = 10;
    private final Conv2d conv1, conv2;
    private final Linear fc1, fc2;
    private final Dropout dropout;
    private final MaxPool2d pool = new MaxPool2d(2);

    public MnistCnn(Device device) {
        conv1 = module("conv1", Conv2d.builder(device, 1, 32, 5).padding(2).build());
        conv2 = module("conv2", Conv2d.builder(device, 32, 64, 5).padding(2).build());
        fc1 = module("fc1", new Linear(device, 7 * 7 * 64, 1024));
        dropout = module("dropout", new Dropout(0.5f));
        fc2 = module("fc2", new Linear(device, 1024, CLASSES));
    }

    /** Logits {@code [N, 10]} for images {@code [N, 1, 28, 28]}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h = pool.forward(conv1.forward(x).relu());
        h = pool.forward(conv2.forward(h).relu());
        h = dropout.forward(fc1.forward(h.flatten(1)).relu());
        return fc2.forward(h);
    }
}
