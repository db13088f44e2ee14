package org.shendu.cli.gan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shendu.core.Device;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;
import org.shendu.gan.PretrainedGenerator;
import org.shendu.core.ShenduException;

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

    /** The generator of CHECKPOINT, or the one shipped in the jar with {@code --pretrained}. */
    static Generator load(Path given, boolean pretrained, Device device) throws IOException {
        if (pretrained == (given != null)) {
            throw new ShenduException(pretrained ? "give either CHECKPOINT or --pretrained, not both"
                    : "give the CHECKPOINT of a 'shendu gan train' run, or --pretrained for the generator shipped in the jar");
        }
        return pretrained ? PretrainedGenerator.load(device) : load(given, device);
    }
}
