package org.shendu.cli.gan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.TerminalProgress;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.data.ImageSet;
import org.shendu.gan.Architecture;
import org.shendu.gan.Gan;
import org.shendu.gan.GanSpec;
import org.shendu.gan.GanTrainer;
import org.shendu.gan.TrainingRecipe;
import org.shendu.gan.data.FakeImageSource;
import org.shendu.gan.data.FolderImageSource;
import org.shendu.gan.data.IdxImageSource;
import org.shendu.gan.data.ImageSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shendu gan train}: trains a GAN, logging D/G losses, D(x), D(G(z)) per epoch, with a checkpoint after each epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN (gan, dcgan_mnist, dcgan64) on MNIST, Fashion-MNIST or a folder of pictures.")
public final class GanTrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--network", defaultValue = "dcgan_mnist", paramLabel = "gan|dcgan_mnist|dcgan64",
            description = "The networks (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--dataset", defaultValue = "mnist", paramLabel = "mnist|fashion-mnist",
            description = "The images from the data directory (default: ${DEFAULT-VALUE}); ignored with --images.")
    String dataset;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Train on every PNG/JPEG under DIR instead (centre-cropped, resized; sub-folders are classes).")
    Path images;

    @Option(names = "--size", paramLabel = "PX", description = "Image size for --images (default: the network's: 28 or 64).")
    Integer size;

    @Option(names = "--grey", description = "Grey images for --images (default: colour).")
    boolean grey;

    @Option(names = "--conditional", description = "Class-conditional GAN: labels into G and D.")
    boolean conditional;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the images (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.0002", description = "Adam's learning rate of both networks (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--lr-d", paramLabel = "LR", description = "D's learning rate, when it differs from G's (two time-scale).")
    Float lrD;

    @Option(names = "--real-label", defaultValue = "1.0", paramLabel = "T",
            description = "D's target for real images; 0.9 is one-sided label smoothing (default: ${DEFAULT-VALUE}).")
    float realLabel;

    @Option(names = "--latent", defaultValue = "100", description = "Size of z (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--limit", defaultValue = "0", description = "Use the first N images only (0: all).")
    int limit;

    @Option(names = "--resume", description = "Continue the run saved in --out (its checkpoint/) up to --epochs.")
    boolean resume;

    @Option(names = "--dry-run", description = "A few seconds on 256 random images (1 epoch, batch 32).")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        Architecture arch = Architecture.named(network);
        int channels = images != null && !grey ? 3 : 1;
        int px = size != null ? size : arch.fixedSize() > 0 ? arch.fixedSize() : 28;
        if (dryRun) {
            epochs = resume ? epochs : 1;
            batchSize = Math.min(batchSize, 32);
        }
        Path dir = options.out(Path.of("runs", "gan-" + arch.id()));
        Path checkpoint = dir.resolve("checkpoint");
        Device device = Device.of(options.device()).threads(options.threads());
        Gan gan;
        long seed;
        int firstEpoch;
        long firstStep;
        if (resume) {
            Checkpoint.Info info = Gan.info(checkpoint);
            gan = Gan.load(checkpoint, device);
            seed = info.seed();
            firstEpoch = ((Number) info.extra().getOrDefault("epoch", 0)).intValue() + 1;
            firstStep = info.step();
            gan.extendTo(epochs);
            err.println("resuming " + checkpoint + " after epoch " + (firstEpoch - 1) + " (seed " + seed + ")");
            channels = gan.spec().channels();
            px = gan.spec().size();
        } else {
            seed = options.seed(err);
            firstEpoch = 1;
            firstStep = 0;
            gan = null;
        }
        ImageSource data = data(channels, px, seed);
        if (gan == null) {
            int classes = conditional ? requireClasses(data) : 0;
            GanSpec gs = new GanSpec(arch, channels, px, latent, classes);
            TrainingRecipe recipe = TrainingRecipe.dcgan().withEpochs(epochs).withBatchSize(batchSize)
                    .withLearningRates(lr, lrD != null ? lrD : lr).withRealTarget(realLabel);
            gan = Gan.create(device, gs, recipe, seed);
        }
        err.println("training " + gan.spec().architecture().id() + (gan.spec().conditional() ? " (conditional)" : "") + " on "
                + data.describe() + ", seed " + seed + ", device " + device.name());
        err.flush();
        List<GanTrainer.Epoch> done;
        long start = System.nanoTime();
        try (Gan g = gan) {
            done = GanTrainer.train(g, data, seed, firstEpoch, firstStep, checkpoint, TerminalProgress.factory(options),
                    new GanTrainer.Listener() {
                        @Override
                        public void afterEpoch(Gan gan, GanTrainer.Epoch e) throws IOException {
                            appendEpoch(dir.resolve("epochs.csv"), e);
                            if (!options.json()) {
                                out.println(e.line());
                                out.flush();
                            }
                        }
                    });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (options.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("network", arch.id());
            json.put("data", data.describe());
            json.put("seed", seed);
            json.put("seconds", seconds);
            List<Map<String, Object>> eps = new ArrayList<>();
            for (GanTrainer.Epoch e : done) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("loss_d", e.lossD());
                m.put("loss_g", e.lossG());
                m.put("d_x", e.dReal());
                m.put("d_g_z", e.dFake());
                m.put("seconds", e.seconds());
                eps.add(m);
            }
            json.put("epochs", eps);
            json.put("checkpoint", checkpoint.toString());
            out.println(new ObjectMapper().writeValueAsString(json));
        } else {
            out.printf(Locale.ROOT, "trained in %.0f s; checkpoint: %s%n", seconds, checkpoint);
        }
        return 0;
    }

    private void validate() {
        if (epochs < 1 || batchSize < 1 || latent < 1 || lr <= 0 || (lrD != null && lrD <= 0)) {
            throw new ParameterException(spec.commandLine(), "--epochs, --batch-size, --latent and the learning rates must be positive");
        }
        if (realLabel <= 0 || realLabel > 1) {
            throw new ParameterException(spec.commandLine(), "--real-label must be in (0, 1], got " + realLabel);
        }
        if (size != null && (size < 8 || size > 512)) {
            throw new ParameterException(spec.commandLine(), "--size must be between 8 and 512, got " + size);
        }
    }

    private ImageSource data(int channels, int px, long seed) throws IOException {
        if (dryRun) {
            return new FakeImageSource(limit > 0 ? limit : 256, channels, px, 10, seed);
        }
        if (images != null) {
            return FolderImageSource.read(images, px, channels, limit);
        }
        if (!dataset.equals("mnist") && !dataset.equals("fashion-mnist")) {
            throw new ParameterException(spec.commandLine(), "--dataset must be mnist or fashion-mnist (or use --images DIR), got '"
                    + dataset + "'");
        }
        if (px != 28 || channels != 1) {
            throw new ShenduException(dataset + " images are 1x28x28; " + network + " makes " + px + "x" + px
                    + " images (use --network gan or dcgan_mnist)");
        }
        ImageSet set = ImageSet.read(options.dataDirectory().path(dataset));
        var train = limit > 0 ? set.trainImages().head(limit) : set.trainImages();
        return new IdxImageSource(train, set.trainLabels(), dataset);
    }

    private int requireClasses(ImageSource data) {
        if (data.classes() < 2) {
            throw new ShenduException("--conditional needs labelled images; " + data.describe()
                    + " has no classes (put the pictures in one sub-folder per class)");
        }
        return data.classes();
    }

    static void appendEpoch(Path csv, GanTrainer.Epoch e) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        String header = "epoch,loss_d,loss_g,d_x,d_g_z,seconds,images_per_s\n";
        String row = String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.2f,%.2f%n", e.epoch(), e.lossD(), e.lossG(), e.dReal(),
                e.dFake(), e.seconds(), e.imagesPerSecond());
        String before = Files.exists(csv) ? Files.readString(csv) : header;
        Path tmp = Files.createTempFile(csv.toAbsolutePath().getParent(), "epochs", ".tmp");
        Files.writeString(tmp, before + row);
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
