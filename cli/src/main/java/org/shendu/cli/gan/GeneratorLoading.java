package org.shendu.cli.gan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shendu.cli.InputPath;
import org.shendu.core.Device;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;
import org.shendu.gan.ShippedGenerator;
import picocli.CommandLine.Parameters;

/**
 * Finds and loads a generator: the run folder of {@code shendu gan train} or its {@code checkpoint/},
 * a folder of {@code shendu gan export}, or (none given) the {@code dcgan_mnist} generator shipped
 * in the jar. As a mixin, the {@code CHECKPOINT} argument of the commands that draw from a generator.
 */
final class GeneratorLoading {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CHECKPOINT", description = "A run folder or checkpoint written by "
            + "'shendu gan train', or a generator of 'shendu gan export' (default: the dcgan_mnist generator shipped in the jar).")
    @InputPath
    Path checkpoint;

    /** The generator the command line names (the shipped one when none is named). */
    Generator load(Device device) throws IOException {
        return load(checkpoint, device);
    }

    /** {@code given/checkpoint} when {@code given} is a run folder, else {@code given}. */
    static Path checkpointDir(Path given) {
        Path inner = given.resolve("checkpoint");
        return !Files.exists(given.resolve("checkpoint.json")) && Files.isRegularFile(inner.resolve("checkpoint.json")) ? inner : given;
    }

    static Generator load(Path given, Device device) throws IOException {
        if (given == null) {
            return ShippedGenerator.load(device);
        }
        return Gan.loadGenerator(checkpointDir(given), device);
    }
}
