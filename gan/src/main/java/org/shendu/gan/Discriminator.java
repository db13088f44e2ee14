package org.shendu.gan;

import org.shendu.core.Tensor;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.Layer;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.SpectralNorm;

/**
 * A GAN discriminator: images {@code [N, channels, size, size]} to one logit each ({@code [N]}),
 * large for "real". A conditional discriminator also sees the one-hot labels, as extra input planes
 * (convolutional) or extra inputs (fully connected). With {@link GanSpec#spectralNorm()} every
 * convolution and linear layer of D is spectrally normalised (Miyato et al. 2018).
 */
public abstract class Discriminator extends Module {

    /** Logits {@code [N]}; {@code labels} is the one-hot class matrix, or null when unconditional. */
    public abstract Tensor forward(Tensor images, Tensor labels);

    /** Registers {@code layer} as {@code name}, spectrally normalised when {@code spec} asks for it. */
    protected Layer layer(String name, GanSpec spec, Linear layer) {
        return spec.spectralNorm() ? module(name, SpectralNorm.of(layer)) : module(name, layer);
    }

    /** Registers {@code layer} as {@code name}, spectrally normalised when {@code spec} asks for it. */
    protected Layer layer(String name, GanSpec spec, Conv2d layer) {
        return spec.spectralNorm() ? module(name, SpectralNorm.of(layer)) : module(name, layer);
    }

    /** {@code layer}, spectrally normalised when {@code spec} asks for it (for a {@code Sequential}). */
    static Layer normalised(GanSpec spec, Conv2d layer) {
        return spec.spectralNorm() ? SpectralNorm.of(layer) : layer;
    }

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
