package org.shendu.gan;

import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;

/**
 * A GAN generator (Goodfellow et al. 2014): latent vectors {@code z [N, latent]} to images
 * {@code [N, channels, size, size]} in [-1, 1] (a tanh output). A conditional generator (Mirza and
 * Osindero 2014) also takes one-hot labels {@code [N, classes]}, concatenated to z.
 */
public abstract class Generator extends Module {

    /** Images for {@code z}; {@code labels} is the one-hot class matrix, or null when unconditional. */
    public abstract Tensor forward(Tensor z, Tensor labels);

    public abstract GanSpec spec();
}
