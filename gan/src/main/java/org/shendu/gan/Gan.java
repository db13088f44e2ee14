package org.shendu.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.optim.Adam;

/**
 * A generator and a discriminator with their two Adam optimizers: what a GAN training step updates
 * and what a checkpoint saves: one {@link Checkpoint} folder with both networks, both optimizers, the
 * device's random state, the {@link GanSpec} and {@link TrainingRecipe} (config), the epoch and the
 * seed. Sampling loads the generator alone from it.
 */
public final class Gan implements AutoCloseable {
    /** The checkpoint kind, and the names of the two modules and optimizers in it. */
    public static final String KIND = "gan", GENERATOR = "generator", DISCRIMINATOR = "discriminator";

    private final GanSpec spec;
    private TrainingRecipe recipe;
    private final Generator generator;
    private final Discriminator discriminator;
    private final Adam optG, optD;

    private Gan(GanSpec spec, TrainingRecipe recipe, Generator generator, Discriminator discriminator) {
        this.spec = spec;
        this.recipe = recipe;
        this.generator = generator;
        this.discriminator = discriminator;
        this.optG = Adam.builder(generator.parameters(), recipe.lrG()).betas(recipe.beta1(), recipe.beta2()).build();
        this.optD = Adam.builder(discriminator.parameters(), recipe.lrD()).betas(recipe.beta1(), recipe.beta2()).build();
    }

    /** New networks with the DCGAN initialisation, drawn after {@code device.manualSeed(seed)}. */
    public static Gan create(Device device, GanSpec spec, TrainingRecipe recipe, long seed) {
        device.manualSeed(seed);
        return Scope.detached(() -> {
            Generator g = spec.generator(device);
            Discriminator d = spec.discriminator(device);
            DcganInit.apply(g);
            DcganInit.apply(d);
            return new Gan(spec, recipe, g, d);
        });
    }

    public GanSpec spec() {
        return spec;
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    public Generator generator() {
        return generator;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    public Adam optimizerG() {
        return optG;
    }

    public Adam optimizerD() {
        return optD;
    }

    /** Saves both networks, both optimizers and the device's random state after {@code epoch} epochs ({@code step} steps). */
    public void save(Path dir, int epoch, long step, long seed, Map<String, Object> extra) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(spec.toMap());
        config.put("recipe", recipe.toMap());
        Checkpoint c = Checkpoint.of(KIND).module(GENERATOR, generator).module(DISCRIMINATOR, discriminator)
                .optimizer(GENERATOR, optG).optimizer(DISCRIMINATOR, optD).rng(generator.device())
                .config(config).step(step).seed(seed).extra("epoch", epoch);
        if (extra != null) {
            extra.forEach(c::extra);
        }
        c.save(dir);
    }

    /** What a checkpoint folder says about its training (spec, epoch, step, seed), checking it holds a GAN. */
    public static Checkpoint.Info info(Path dir) throws IOException {
        Checkpoint.Info info = Checkpoint.info(dir);
        if (!KIND.equals(info.kind()) || !info.modules().containsKey(GENERATOR)) {
            throw ShenduException.in(dir, "holds a '" + info.kind() + "' checkpoint, not a GAN (write one with 'shendu gan train')");
        }
        return info;
    }

    /** Loads both networks, both optimizers and the random state to continue training. */
    public static Gan load(Path dir, Device device) throws IOException {
        Checkpoint.Info info = info(dir);
        GanSpec spec = GanSpec.fromMap(info.config());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = info.config().get("recipe") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Gan gan = create(device, spec, TrainingRecipe.fromMap(r), 0);
        Checkpoint.of(KIND).module(GENERATOR, gan.generator).module(DISCRIMINATOR, gan.discriminator)
                .optimizer(GENERATOR, gan.optG).optimizer(DISCRIMINATOR, gan.optD).rng(device).load(dir);
        return gan;
    }

    /** Loads only the generator (for sampling), in evaluation mode. */
    public static Generator loadGenerator(Path dir, Device device) throws IOException {
        GanSpec spec = GanSpec.fromMap(info(dir).config());
        Generator g = Scope.detached(() -> spec.generator(device));
        try {
            Checkpoint.of(KIND).module(GENERATOR, g).load(dir);
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        g.eval();
        return g;
    }

    /** Trains up to {@code epochs} epochs in all (a resumed run may go further than the first one planned). */
    public void extendTo(int epochs) {
        recipe = recipe.withEpochs(epochs);
    }

    @Override
    public void close() {
        generator.close();
        discriminator.close();
    }
}
