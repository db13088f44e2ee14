package org.shendu.cli.gan;

import java.nio.file.Path;
import org.shendu.core.Device;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;

/** Loads the generator of a {@code shendu gan train} checkpoint (the run folder, its checkpoint/ or generator/). */
final class GeneratorLoading {
    private GeneratorLoading() {}

    static Path checkpointDir(Path given) {
        if (java.nio.file.Files.isDirectory(given.resolve("checkpoint"))
                && !java.nio.file.Files.exists(given.resolve("checkpoint.json"))
                && !java.nio.file.Files.isDirectory(given.resolve("generator"))) {
            return given.resolve("checkpoint");
        }
        return given;
    }

    static Generator load(Path given, Device device) throws java.io.IOException {
        return Gan.loadGenerator(checkpointDir(given), device);
    }
}
