package org.shendu.gan;

import java.util.Arrays;
import java.util.Locale;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;

/** The GAN networks Shendu builds, by the names the command line and checkpoints use. */
public enum Architecture {
    /** The course's fully connected GAN on flattened images. */
    MLP("gan", 0),
    /** The small MNIST DCGAN of {@code anchors/WORKLOADS.md} (28x28). */
    DCGAN_MNIST("dcgan_mnist", 28),
    /** pytorch/examples' DCGAN at 64x64. */
    DCGAN64("dcgan64", 64);

    private final String id;
    private final int fixedSize;

    Architecture(String id, int fixedSize) {
        this.id = id;
        this.fixedSize = fixedSize;
    }

    public String id() {
        return id;
    }

    /** The only image size the network makes, or 0 when any size works. */
    public int fixedSize() {
        return fixedSize;
    }

    Generator generator(Device device, GanSpec spec) {
        return switch (this) {
            case MLP -> new MlpGenerator(device, spec);
            case DCGAN_MNIST -> new DcganMnistGenerator(device, spec);
            case DCGAN64 -> new Dcgan64Generator(device, spec);
        };
    }

    Discriminator discriminator(Device device, GanSpec spec) {
        return switch (this) {
            case MLP -> new MlpDiscriminator(device, spec);
            case DCGAN_MNIST -> new DcganMnistDiscriminator(device, spec);
            case DCGAN64 -> new Dcgan64Discriminator(device, spec);
        };
    }

    public static Architecture named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.id.equals(n) || a.name().toLowerCase(Locale.ROOT).equals(n)) {
                return a;
            }
        }
        throw new ShenduException("unknown network '" + name + "' (" + String.join(", ",
                Arrays.stream(values()).map(Architecture::id).toList()) + ")");
    }
}
