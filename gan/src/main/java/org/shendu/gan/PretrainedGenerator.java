package org.shendu.gan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;

/**
 * The generator shipped in the jar, so that {@code shendu gan sample --pretrained --class 7} draws
 * digits on a fresh machine: the course's fully connected GAN, conditional on the digit, trained on
 * MNIST by {@code shendu gan train --network gan --conditional --dataset mnist --epochs 5 --lr 0.001
 * --seed 1} and exported with {@code shendu gan export} (docs/gan.md has its figures).
 */
public final class PretrainedGenerator {
    static final String ROOT = "pretrained/cgan-mnist/";
    private static final String[] FILES = {"checkpoint.json", "generator.safetensors"};

    private PretrainedGenerator() {}

    /** Loads the shipped generator onto {@code device}, in evaluation mode. */
    public static Generator load(Device device) throws IOException {
        Path tmp = Files.createTempDirectory("shendu-pretrained");
        try {
            for (String f : FILES) {
                try (InputStream in = PretrainedGenerator.class.getResourceAsStream(ROOT + f)) {
                    if (in == null) {
                        throw new ShenduException("the pretrained generator is missing from the jar (" + ROOT + f + ")");
                    }
                    Files.copy(in, tmp.resolve(f));
                }
            }
            return Gan.loadGenerator(tmp, device);
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
