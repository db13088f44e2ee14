package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.OutOption;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.ShenduException;
import org.shendu.core.json.Json;
import org.shendu.core.picture.ImageGrid;
import org.shendu.gan.Generator;
import org.shendu.gan.LatentNoise;
import org.shendu.gan.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu gan sample CHECKPOINT}: a grid of generated images (of one class with {@code --class}). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw images from a trained generator into a PNG grid.")
public final class GanSampleCommand implements Callable<Integer> {
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

    @Option(names = "--samples", defaultValue = "64", description = "Images to draw (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int samples;

    @Option(names = "--class", paramLabel = "K", description = "Draw class K only (a conditional generator); "
            + "without it a conditional generator draws the classes in turn, one per column.")
    @AtLeast(0)
    Integer label;

    @Option(names = "--columns", paramLabel = "N", description = "Images per row (default: 8, or the number of classes).")
    @AtLeast(1)
    Integer columns;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path png = out.get(Path.of(".")).resolve(label != null ? "samples-class-" + label + ".png" : "samples.png");
        try (Generator g = generator.load(device.open(threads.get()))) {
            var gs = g.spec();
            if (label != null && !gs.conditional()) {
                throw new ShenduException("--class " + label + ": this generator is not conditional (train it with --conditional)");
            }
            if (label != null && label >= gs.classes()) {
                throw new ShenduException("--class " + label + " is out of range: this generator knows classes 0-" + (gs.classes() - 1));
            }
            long noise = seed.get(spec.commandLine().getErr());
            int[] labels = null;
            int cols = columns != null ? columns : 8;
            if (label != null || gs.conditional()) {
                labels = new int[samples];
                for (int i = 0; i < samples; i++) {
                    labels[i] = label != null ? label : i % gs.classes();
                }
                if (label == null && columns == null) {
                    cols = gs.classes();
                }
            }
            float[] images = Sampler.generate(g, LatentNoise.gaussian(noise, samples, gs.latent()), samples, labels);
            ImageGrid.of(images, samples, gs.channels(), gs.size(), gs.size()).columns(cols).scale(gs.size() <= 32 ? 2 : 1)
                    .background(0x808080).write(png);
            if (options.json()) {
                Json.print(stdout, Json.object("png", png, "samples", samples, "class", label, "seed", noise,
                        "network", gs.architecture().id()));
            } else {
                stdout.println(png + ": " + samples + " images from " + gs.architecture().id()
                        + (label != null ? " of class " + label : "") + " (seed " + noise + ")");
            }
        }
        return 0;
    }
}
