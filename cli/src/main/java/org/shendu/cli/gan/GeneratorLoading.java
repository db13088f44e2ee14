package org.shendu.cli.gan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shendu.core.Device;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;

/** Finds and loads the generator of a {@code shendu gan train} run: the run folder or its {@code checkpoint/}. */
final class GeneratorLoading {
    private GeneratorLoading() {}

    /** {@code given/checkpoint} when {@code given} is a run folder, else {@code given}. */
    static Path checkpointDir(Path given) {
        Path inner = given.resolve("checkpoint");
        return !Files.exists(given.resolve("checkpoint.json")) && Files.isRegularFile(inner.resolve("checkpoint.json")) ? inner : given;
    }

    static Generator load(Path given, Device device) throws IOException {
        return Gan.loadGenerator(checkpointDir(given), device);
    }
}
