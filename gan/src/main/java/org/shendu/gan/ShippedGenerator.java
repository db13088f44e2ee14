package org.shendu.gan;

import java.io.IOException;
import java.nio.file.Path;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;

/**
 * The {@code dcgan_mnist} generator shipped in the jar, which {@code shendu gan sample} draws from
 * when given no model: the generator of a 5-epoch MNIST run exported with its weights in bfloat16
 * ({@code shendu gan export RUN --bf16}, {@link Checkpoint#exportWeights}); how it was trained is in
 * its checkpoint (seed, epoch, recipe, data) and in {@code docs/gan.md}.
 */
public final class ShippedGenerator {
    /** The class-path folder of the shipped checkpoint. */
    public static final String RESOURCE = "org/shendu/gan/pretrained";

    private ShippedGenerator() {}

    /** The shipped generator, in evaluation mode. */
    public static Generator load(Device device) throws IOException {
        Path dir = Checkpoint.fromResources(ShippedGenerator.class.getClassLoader(), RESOURCE)
                .orElseThrow(() -> new ShenduException("this build ships no generator (" + RESOURCE + "); give a trained one"));
        return Gan.loadGenerator(dir, device);
    }
}
