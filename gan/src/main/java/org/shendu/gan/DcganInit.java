package org.shendu.gan;

import org.shendu.core.Tensor;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.ConvTranspose2d;
import org.shendu.core.nn.Init;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.SpectralNorm;

/**
 * The DCGAN initialisation (Radford et al. 2016, as pytorch/examples' {@code weights_init} applied
 * with {@code net.apply}): every convolution, transposed convolution and linear weight from
 * N(0, 0.02) (spectrally normalised ones too), batch-norm scales from N(1, 0.02), every bias and batch-norm shift 0.
 */
public final class DcganInit {
    private DcganInit() {}

    /** Re-initialises every layer of {@code net} in place. */
    public static void apply(Module net) {
        net.apply(DcganInit::layer);
    }

    static void layer(Module m) {
        if (m instanceof Conv2d c) {
            weightAndBias(c.weight(), c.bias());
        } else if (m instanceof ConvTranspose2d c) {
            weightAndBias(c.weight(), c.bias());
        } else if (m instanceof Linear l) {
            weightAndBias(l.weight(), l.bias());
        } else if (m instanceof SpectralNorm s) {
            weightAndBias(s.weight(), s.bias());
        } else if (m instanceof BatchNorm) {
            Init.normal(m.namedParameters().get("weight"), 1f, 0.02f);
            Init.constant(m.namedParameters().get("bias"), 0f);
        }
    }

    private static void weightAndBias(Tensor weight, Tensor bias) {
        Init.dcgan(weight);
        if (bias != null) {
            Init.constant(bias, 0f);
        }
    }
}
