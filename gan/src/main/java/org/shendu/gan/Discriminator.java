package org.shendu.gan;

import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;

/**
 * A GAN discriminator: images {@code [N, channels, size, size]} to one logit each ({@code [N]}),
 * large for "real". A conditional discriminator also sees the one-hot labels, as extra input planes
 * (convolutional) or extra inputs (fully connected).
 */
public abstract class Discriminator extends Module {

    /** Logits {@code [N]}; {@code labels} is the one-hot class matrix, or null when unconditional. */
    public abstract Tensor forward(Tensor images, Tensor labels);

    /** Images with the label planes {@code [N, classes, H, W]} appended as channels (a conditional D's input). */
    static Tensor withLabelPlanes(Tensor images, Tensor labels) {
        if (labels == null) {
            return images;
        }
        int n = images.dim(0), c = labels.dim(1), h = images.dim(2), w = images.dim(3);
        Tensor planes = labels.reshape(n, c, 1, 1).mul(images.device().full(1f, 1, 1, h, w));
        return Tensor.concat(1, images, planes);
    }
}
