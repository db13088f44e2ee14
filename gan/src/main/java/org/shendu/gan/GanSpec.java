package org.shendu.gan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.ShenduException;

/**
 * What a GAN's two networks are built from: the architecture, the image shape, the latent size and
 * the number of classes it is conditioned on (0: unconditional), and whether D's convolution and
 * linear weights are spectrally normalised ({@link org.shendu.core.nn.SpectralNorm}). Saved in checkpoints so that a
 * generator can be rebuilt for sampling.
 */
public record GanSpec(Architecture architecture, int channels, int size, int latent, int classes, boolean spectralNorm) {

    /** Without spectral normalisation. */
    public GanSpec(Architecture architecture, int channels, int size, int latent, int classes) {
        this(architecture, channels, size, latent, classes, false);
    }

    public GanSpec {
        if (architecture.fixedSize() > 0 && size != architecture.fixedSize()) {
            throw new ShenduException(architecture.id() + " makes " + architecture.fixedSize() + "x" + architecture.fixedSize()
                    + " images, not " + size + "x" + size);
        }
        if (channels != 1 && channels != 3) {
            throw new ShenduException("images must have 1 (grey) or 3 (colour) channels, not " + channels);
        }
    }

    public GanSpec withSpectralNorm(boolean on) {
        return new GanSpec(architecture, channels, size, latent, classes, on);
    }

    public boolean conditional() {
        return classes > 0;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", architecture.id());
        m.put("channels", channels);
        m.put("size", size);
        m.put("latent", latent);
        m.put("classes", classes);
        m.put("spectral_norm", spectralNorm);
        return m;
    }

    public static GanSpec fromMap(Map<String, Object> m) {
        try {
            return new GanSpec(Architecture.named(String.valueOf(m.get("architecture"))), ((Number) m.get("channels")).intValue(),
                    ((Number) m.get("size")).intValue(), ((Number) m.get("latent")).intValue(), ((Number) m.get("classes")).intValue(),
                    Boolean.TRUE.equals(m.get("spectral_norm")));
        } catch (NullPointerException | ClassCastException e) {
            throw new ShenduException("the checkpoint's GAN config is incomplete: " + m);
        }
    }

    public Generator generator(org.shendu.core.Device device) {
        return architecture.generator(device, this);
    }

    public Discriminator discriminator(org.shendu.core.Device device) {
        return architecture.discriminator(device, this);
    }
}
