package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputPath;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutOption;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.TerminalProgress;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.json.Json;
import org.shendu.data.IdxImages;
import org.shendu.data.ImageSet;
import org.shendu.data.Samples;
import org.shendu.gan.Architecture;
import org.shendu.gan.Gan;
import org.shendu.gan.GanLoss;
import org.shendu.gan.GanSpec;
import org.shendu.gan.GanTrainer;
import org.shendu.gan.TrainingRecipe;
import org.shendu.gan.TrainingRecord;
import org.shendu.gan.data.FakeImageSource;
import org.shendu.gan.data.FolderImageSource;
import org.shendu.gan.data.IdxImageSource;
import org.shendu.gan.data.ImageSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shendu gan train}: trains a GAN, printing loss D, loss G, D(x), D(G(z)) per epoch and
 * leaving fixed-noise grids, a real-image grid, a progress sheet, a plot and a checkpoint (both
 * networks and both optimizers) after every epoch; {@code --resume} continues it exactly.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN (gan, dcgan_mnist, dcgan64) on MNIST, Fashion-MNIST or a folder of pictures.")
public final class GanTrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    SeedOption seed;

    @Mixin
    ThreadsOption threads;

    @Mixin
    OutOption out;

    @Mixin
    DeviceOptions device;

    @Option(names = "--network", defaultValue = "dcgan_mnist", paramLabel = "gan|dcgan_mnist|dcgan64",
            description = "The networks: the course's fully connected GAN, the MNIST DCGAN, pytorch/examples' 64x64 DCGAN "
                    + "(default: ${DEFAULT-VALUE}).")
    @OneOf({"gan", "dcgan_mnist", "dcgan64"})
    String network;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist, fashion-mnist (from the data directory), sample-mnist, sample-fashion-mnist (shipped, 1,000 "
                    + "images) or fake (random images) (default: mnist; sample-mnist, or fake for dcgan64, with --dry-run).")
    @OneOf({"mnist", "fashion-mnist", "sample-mnist", "sample-fashion-mnist", "fake"})
    String dataset;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Train on every PNG/JPEG under DIR instead: centre-cropped, resized; sub-folders are classes.")
    @InputPath
    Path images;

    @Option(names = "--size", paramLabel = "PX", description = "Image size for --images with --network gan (default 28).")
    @AtLeast(4)
    Integer size;

    @Option(names = "--grey", description = "Grey images for --images (default: colour).")
    boolean grey;

    @Option(names = "--conditional", description = "Class-conditional GAN: the labels go into G and D.")
    boolean conditional;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the images (default: 5; 1 with --dry-run); "
            + "with --resume, the total to reach.")
    @AtLeast(1)
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default: 128; 32 with --dry-run).")
    @AtLeast(1)
    Integer batchSize;

    @Option(names = "--lr", defaultValue = "0.0002", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    @Positive
    float lr;

    @Option(names = "--lr-d", paramLabel = "LR", description = "D's learning rate when it differs from G's (two time-scale rule).")
    @Positive
    Float lrD;

    @Option(names = "--real-label", defaultValue = "1.0", paramLabel = "T",
            description = "D's target for real images; 0.9 is one-sided label smoothing (default: ${DEFAULT-VALUE}).")
    @Positive
    float realLabel;

    @Option(names = "--loss", defaultValue = "bce", paramLabel = "bce|hinge",
            description = "The adversarial loss: bce (non-saturating, as DCGAN) or hinge (Lim and Ye 2017; Miyato et al. 2018) "
                    + "(default: ${DEFAULT-VALUE}).")
    @OneOf({"bce", "hinge"})
    String loss;

    @Option(names = "--spectral-norm", description = "Spectral normalisation of D's convolution and linear weights "
            + "(Miyato et al. 2018); with --network gan, FID-MNIST after 5 epochs 36 % below the default (docs/gan.md).")
    boolean spectralNorm;

    @Option(names = "--latent", defaultValue = "100", description = "Size of z (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int latent;

    @Option(names = "--limit", paramLabel = "N", description = "Use the first N images only (default: all; 256 with --dry-run).")
    @AtLeast(1)
    Integer limit;

    @Option(names = "--grid-every", paramLabel = "STEPS",
            description = "Also save the fixed-noise grid every STEPS steps (default: after each epoch only).")
    @AtLeast(1)
    Integer gridEvery;

    @Option(names = "--resume", description = "Continue the run saved in --out (its checkpoint/) up to --epochs epochs.")
    boolean resume;

    @Option(names = "--dry-run", description = "Seconds on the shipped MNIST sample (fake images for dcgan64); "
            + "options given explicitly still apply.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (realLabel > 1) {
            throw new ShenduException("--real-label must be at most 1, got " + realLabel);
        }
        if (realLabel != 1 && loss.equals("hinge")) {
            throw new ShenduException("--real-label is the target of the bce loss; the hinge loss has none (leave one out)");
        }
        Architecture arch = Architecture.named(network);
        Path dir = out.get(Path.of("runs", "gan-" + arch.id()));
        Path checkpoint = dir.resolve("checkpoint");
        Checkpoint.Info previous = resume ? Gan.info(checkpoint) : null;
        Device dev = device.open(threads.get());
        // the seed is chosen (and printed) once the input has been read, so that bad input stays one line
        java.util.function.LongSupplier seedOf = () -> previous != null ? previous.seed() : seed.get(err);
        Gan gan;
        int firstEpoch = 1;
        long firstStep = 0;
        long runSeed;
        ImageSource source;
        TrainingData chosen;
        if (previous != null) {
            gan = Gan.load(checkpoint, dev);
            firstEpoch = ((Number) previous.extra().getOrDefault("epoch", 0)).intValue() + 1;
            firstStep = previous.step();
            gan.extendTo(epochs != null ? epochs : gan.recipe().epochs());
            TrainingData recorded = TrainingData.fromMap(previous.extra().get(TrainingData.KEY));
            if (recorded == null) { // a checkpoint written before the data options were recorded: the options as given
                chosen = chosen(gan.spec().channels(), gan.spec().size());
            } else {
                recorded.checkResume(given("--dataset") ? dataset : null, images, given("--grey") ? grey : null, limit, dir);
                chosen = recorded.in(given("--data") ? data.dataDirectory().root() : null);
            }
            source = source(chosen, gan.spec().architecture(), gan.spec().channels(), gan.spec().size(), seedOf);
            runSeed = seedOf.getAsLong();
            err.println("resuming " + checkpoint + " after epoch " + (firstEpoch - 1) + " of " + gan.recipe().epochs()
                    + " (seed " + runSeed + ")");
        } else {
            int channels = images != null && !grey ? 3 : 1;
            int px = arch.fixedSize() > 0 ? arch.fixedSize() : size != null ? size : 28;
            if (size != null && arch.fixedSize() > 0 && size != arch.fixedSize()) {
                throw new ShenduException("--size " + size + ": " + arch.id() + " makes " + px + "x" + px + " images only");
            }
            chosen = chosen(channels, px);
            source = source(chosen, arch, channels, px, seedOf);
            if (conditional && source.classes() < 2) {
                throw new ShenduException("--conditional needs labelled images; " + source.describe()
                        + " has no classes (put the pictures in one sub-folder per class)");
            }
            GanSpec gs = new GanSpec(arch, source.channels(), px, latent, conditional ? source.classes() : 0, spectralNorm);
            TrainingRecipe recipe = TrainingRecipe.dcgan().withEpochs(epochs != null ? epochs : dryRun ? 1 : 5)
                    .withBatchSize(batchSize != null ? batchSize : dryRun ? 32 : 128).withLearningRates(lr, lrD != null ? lrD : lr)
                    .withRealTarget(realLabel).withLoss(GanLoss.named(loss));
            runSeed = seedOf.getAsLong();
            gan = Gan.create(dev, gs, recipe, runSeed);
        }
        err.println("training " + gan.spec().architecture().id() + (gan.spec().conditional() ? " (conditional)" : "") + " on "
                + source.describe() + ", seed " + runSeed + ", device " + dev.name() + "; output in " + dir);
        err.flush();
        TrainingRecord record = new TrainingRecord(dir, gan.spec(), gridEvery != null ? gridEvery : 0);
        record.writeReal(source, runSeed);
        List<GanTrainer.Epoch> done;
        long start = System.nanoTime();
        try (Gan g = gan) {
            done = GanTrainer.train(g, source, runSeed, firstEpoch, firstStep, checkpoint, Map.of(TrainingData.KEY, chosen.toMap()),
                    TerminalProgress.factory(options),
                    new GanTrainer.Listener() {
                        @Override
                        public void afterStep(Gan gan, int epoch, long step) throws java.io.IOException {
                            record.afterStep(gan, epoch, step);
                        }

                        @Override
                        public void afterEpoch(Gan gan, GanTrainer.Epoch e) throws java.io.IOException {
                            record.afterEpoch(gan, e);
                            if (!options.json()) {
                                stdout.println(e.line());
                                stdout.flush();
                            }
                        }
                    });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (options.json()) {
            List<Map<String, Object>> eps = new ArrayList<>();
            for (GanTrainer.Epoch e : done) {
                eps.add(Json.object("epoch", e.epoch(), "loss_d", e.lossD(), "loss_g", e.lossG(), "d_x", e.dReal(), "d_g_z", e.dFake(),
                        "seconds", e.seconds(), "images_per_s", e.imagesPerSecond()));
            }
            Json.print(stdout, Json.object("network", gan.spec().architecture().id(), "conditional", gan.spec().conditional(),
                    "data", source.describe(), "seed", runSeed, "seconds", seconds, "epochs", eps, "checkpoint", checkpoint,
                    "out", dir));
        } else {
            stdout.printf(Locale.ROOT, "trained in %.0f s; checkpoint %s; samples in %s%n", seconds, checkpoint, dir.resolve("samples"));
        }
        return 0;
    }

    /** Whether {@code name} was given on the command line (not left at its default). */
    private boolean given(String name) {
        return spec.commandLine().getParseResult().hasMatchedOption(name);
    }

    /** The images the data options of this command line choose (with the --dry-run defaults). */
    private TrainingData chosen(int channels, int px) {
        if (images != null) {
            return new TrainingData(null, images.toAbsolutePath().normalize(), grey, limit != null ? limit : dryRun ? 256 : 0, null);
        }
        String name = dataset != null ? dataset : !dryRun ? "mnist" : px == 28 && channels == 1 ? "sample-mnist" : "fake";
        int n = limit != null ? limit : dryRun || name.equals("fake") ? 256 : 0;
        Path root = name.equals("mnist") || name.equals("fashion-mnist") ? data.dataDirectory().root().toAbsolutePath().normalize() : null;
        return new TrainingData(name, null, false, n, root);
    }

    /** The training images: a folder, a data set, the shipped sample or fake images. */
    private ImageSource source(TrainingData t, Architecture arch, int channels, int px, java.util.function.LongSupplier seedOf)
            throws java.io.IOException {
        if (t.images() != null) {
            return FolderImageSource.read(t.images(), px, channels, t.limit());
        }
        String name = t.dataset();
        if (name.equals("fake")) {
            return new FakeImageSource(t.limit(), channels, px, 10, seedOf.getAsLong());
        }
        if (px != 28 || channels != 1) {
            throw new ShenduException(name + " images are 1x28x28 but " + arch.id() + " makes " + channels + "x" + px + "x" + px
                    + " images; use --network gan or dcgan_mnist, or --images DIR");
        }
        boolean sample = name.startsWith("sample-");
        String folder = sample ? name.substring("sample-".length()) : name;
        ImageSet set = sample ? (folder.equals("mnist") ? Samples.mnist() : Samples.fashionMnist())
                : ImageSet.read(t.dataDirectory().resolve(folder));
        IdxImages train = t.limit() > 0 ? set.trainImages().head(t.limit()) : set.trainImages();
        return new IdxImageSource(train, set.trainLabels(), folder);
    }
}
