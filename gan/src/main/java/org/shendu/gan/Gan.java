package org.shendu.gan;

import java.io.IOException;
import java.nio.file.Files;
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
 * and what a checkpoint saves. A checkpoint is a folder with {@code generator/} and
 * {@code discriminator/}, each a {@link Checkpoint} of one network and its optimizer; the
 * generator's {@code checkpoint.json} carries the {@link GanSpec}, the {@link TrainingRecipe}, the
 * epoch and the seed, so {@code generator/} alone is enough to draw samples.
 */
public final class Gan implements AutoCloseable {
    public static final String GENERATOR_KIND = "gan-generator";
    public static final String DISCRIMINATOR_KIND = "gan-discriminator";

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

    /** Saves both networks and both optimizers after {@code epoch} epochs ({@code step} steps). */
    public void save(Path dir, int epoch, long step, long seed, Map<String, Object> extra) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(spec.toMap());
        config.put("recipe", recipe.toMap());
        Map<String, Object> more = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        more.put("epoch", epoch);
        Checkpoint.save(dir.resolve("discriminator"), DISCRIMINATOR_KIND, discriminator, config, optD, step, seed, more);
        // the generator last: its checkpoint.json is what marks a complete save
        Checkpoint.save(dir.resolve("generator"), GENERATOR_KIND, generator, config, optG, step, seed, more);
    }

    /** What a checkpoint folder says about its training (epoch, step, seed), from the generator's info. */
    public static Checkpoint.Info info(Path dir) throws IOException {
        Checkpoint.Info info = Checkpoint.info(generatorDir(dir));
        if (!GENERATOR_KIND.equals(info.kind())) {
            throw ShenduException.in(dir, "holds a '" + info.kind() + "' model, not a GAN generator");
        }
        return info;
    }

    /** Loads both networks and optimizers to continue training. */
    public static Gan load(Path dir, Device device) throws IOException {
        Checkpoint.Info gi = info(dir);
        Path dDir = dir.resolve("discriminator");
        Checkpoint.Info di = Checkpoint.info(dDir);
        if (!DISCRIMINATOR_KIND.equals(di.kind()) || di.step() != gi.step()) {
            throw ShenduException.in(dir, "generator (step " + gi.step() + ") and discriminator (" + di.kind() + ", step "
                    + di.step() + ") do not belong to one save; resume from an earlier checkpoint");
        }
        GanSpec spec = GanSpec.fromMap(gi.config());
        @SuppressWarnings("unchecked")
        Map<String, Object> r = gi.config().get("recipe") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Gan gan = create(device, spec, TrainingRecipe.fromMap(r), 0);
        Checkpoint.load(generatorDir(dir), gan.generator, gan.optG);
        Checkpoint.load(dDir, gan.discriminator, gan.optD);
        return gan;
    }

    /** Loads only the generator (for sampling), in evaluation mode. */
    public static Generator loadGenerator(Path dir, Device device) throws IOException {
        Checkpoint.Info info = info(dir);
        GanSpec spec = GanSpec.fromMap(info.config());
        Generator g = Scope.detached(() -> spec.generator(device));
        Checkpoint.load(generatorDir(dir), g, null);
        g.eval();
        return g;
    }

    /** {@code dir/generator}, or {@code dir} itself when it is a generator folder. */
    static Path generatorDir(Path dir) {
        if (Files.isRegularFile(dir.resolve("checkpoint.json"))) {
            return dir;
        }
        if (Files.isDirectory(dir.resolve("generator"))) {
            return dir.resolve("generator");
        }
        throw ShenduException.in(dir, "not a GAN checkpoint folder (no generator/checkpoint.json)");
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
