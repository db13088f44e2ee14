package org.shendu.gan;

import org.shendu.core.Tensor;
import org.shendu.core.nn.Init;
import org.shendu.core.nn.Module;

/**
 * The DCGAN initialisation (Radford et al. 2016, as pytorch/examples' {@code weights_init}): every
 * convolution, transposed convolution and linear weight from N(0, 0.02), batch-norm scales from
 * N(1, 0.02), every bias and batch-norm shift 0.
 */
public final class DcganInit {
    private DcganInit() {}

    /** Re-initialises every parameter of {@code net} in place. */
    public static void apply(Module net) {
        // TODO(core-io): net.apply(DcganInit::layer) once Module.apply lands; the rule is the same:
        // a rank >= 2 weight is a conv/linear weight, a rank-1 "weight" a batch-norm scale.
        net.namedParameters().forEach((name, t) -> init(name, t));
    }

    static void init(String name, Tensor t) {
        if (name.endsWith("bias")) {
            Init.constant(t, 0f);
        } else if (t.rank() >= 2) {
            Init.dcgan(t);
        } else {
            Init.normal(t, 1f, 0.02f);
        }
    }
}
