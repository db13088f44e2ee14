package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.OutOption;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.ShenduException;
import org.shendu.core.json.Json;
import org.shendu.core.picture.ImageGrid;
import org.shendu.gan.GanSpec;
import org.shendu.gan.Generator;
import org.shendu.gan.LatentNoise;
import org.shendu.gan.LatentPaths;
import org.shendu.gan.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shendu gan interpolate CHECKPOINT}: walks between latent points as picture grids, one walk
 * per row: {@code linear.png} and {@code spherical.png} (the same pairs of end points), and
 * {@code traverse.png} (one latent dimension swept from -range to +range around each row's point).
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = "Linear and spherical interpolation between latent points, and a traversal of one latent dimension, as grids.")
public final class GanInterpolateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    SeedOption seed;

    @Mixin
    ThreadsOption threads;

    @Mixin
    OutOption out;

    @Mixin
    DeviceOptions device;

    @Mixin
    GeneratorLoading generator;

    @Option(names = "--rows", defaultValue = "8", description = "Walks, one per row (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int rows;

    @Option(names = "--steps", defaultValue = "10", description = "Images per walk, end points included (default: ${DEFAULT-VALUE}).")
    @AtLeast(2)
    int steps;

    @Option(names = "--dimension", defaultValue = "0", description = "The latent dimension traversed (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    int dimension;

    @Option(names = "--range", defaultValue = "3", description = "The traversal goes from -range to +range (default: ${DEFAULT-VALUE}).")
    @Positive
    float range;

    @Option(names = "--class", paramLabel = "K", description = "The class of every image (a conditional generator; default: row i draws class i).")
    @AtLeast(0)
    Integer label;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out.get(Path.of("."));
        try (Generator g = generator.load(device.open(threads.get()))) {
            GanSpec gs = g.spec();
            if (dimension >= gs.latent()) {
                throw new ShenduException("--dimension " + dimension + " is out of range: z has " + gs.latent() + " dimensions (0-"
                        + (gs.latent() - 1) + ")");
            }
            if (label != null && !gs.conditional()) {
                throw new ShenduException("--class " + label + ": this generator is not conditional (train with --conditional)");
            }
            long noise = seed.get(spec.commandLine().getErr());
            int d = gs.latent();
            float[] ends = LatentNoise.gaussian(noise, 2 * rows, d);
            float[] lin = new float[rows * steps * d], sph = new float[rows * steps * d], trav = new float[rows * steps * d];
            for (int r = 0; r < rows; r++) {
                float[] a = Arrays.copyOfRange(ends, 2 * r * d, (2 * r + 1) * d), b = Arrays.copyOfRange(ends, (2 * r + 1) * d, (2 * r + 2) * d);
                System.arraycopy(LatentPaths.linear(a, b, steps), 0, lin, r * steps * d, steps * d);
                System.arraycopy(LatentPaths.spherical(a, b, steps), 0, sph, r * steps * d, steps * d);
                System.arraycopy(LatentPaths.traverse(a, dimension, range, steps), 0, trav, r * steps * d, steps * d);
            }
            int[] labels = null;
            if (gs.conditional()) {
                labels = new int[rows * steps];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = label != null ? label : (i / steps) % gs.classes();
                }
            }
            Path[] files = {dir.resolve("linear.png"), dir.resolve("spherical.png"), dir.resolve("traverse.png")};
            float[][] paths = {lin, sph, trav};
            for (int k = 0; k < 3; k++) {
                float[] images = Sampler.generate(g, paths[k], rows * steps, labels);
                ImageGrid.of(images, rows * steps, gs.channels(), gs.size(), gs.size()).columns(steps).scale(gs.size() <= 32 ? 2 : 1)
                        .background(0x808080).write(files[k]);
            }
            if (options.json()) {
                Json.print(stdout, Json.object("linear_png", files[0], "spherical_png", files[1], "traverse_png", files[2], "rows", rows,
                        "steps", steps, "dimension", dimension, "seed", noise));
            } else {
                stdout.println("linear interpolation:    " + files[0]);
                stdout.println("spherical interpolation: " + files[1]);
                stdout.println("dimension " + dimension + " from -" + range + " to " + range + ": " + files[2]);
            }
        }
        return 0;
    }
}
