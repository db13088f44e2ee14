package org.shendu.cli.cnn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutOption;
import org.shendu.cli.Positive;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.json.Json;
import org.shendu.cli.TerminalProgress;
import org.shendu.cnn.CnnTrainer;
import org.shendu.core.picture.Heatmap;
import org.shendu.cnn.Datasets;
import org.shendu.core.Device;
import org.shendu.data.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu cnn train}: trains the CNN, evaluates after each epoch, saves a checkpoint and a confusion matrix. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the CNN on MNIST or Fashion-MNIST and report test accuracy per epoch.")
public final class CnnTrainCommand implements Callable<Integer> {
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

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    @OneOf({"mnist", "fashion-mnist"})
    String dataset;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 6; 1 with --dry-run).")
    @AtLeast(1)
    Integer epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate, cosine-annealed to 1/100 (default: ${DEFAULT-VALUE}).")
    @Positive
    float lr;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N images only (default: all; 512 with --dry-run).")
    @AtLeast(1)
    Integer limit;

    @Option(names = "--dry-run", description = "A few seconds on the shipped sample (1,000 training images); "
            + "--epochs and --limit given explicitly still apply.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Device device = this.device.open(threads.get());
        long seed = this.seed.get(err);
        Datasets ds = Datasets.named(dataset);
        Path dir = out.get(Path.of("runs", "cnn-" + ds.folder()));
        ImageSet data = ds.images(dryRun, this.data.dataDirectory());
        CnnTrainer.Config config = CnnTrainer.Config.defaults(ds, seed)
                .withEpochs(epochs != null ? epochs : dryRun ? 1 : 6).withBatchSize(batchSize)
                .withLearningRate(lr).withLimits(limit != null ? limit : dryRun ? 512 : 0, 0);
        Path checkpoint = dir.resolve("checkpoint");
        CnnTrainer.Result result = CnnTrainer.train(device, data, config, TerminalProgress.factory(options), checkpoint);
        Heatmap.confusion(result.test(), ds.classNames(),
                "CNN on " + ds.folder() + " (seed " + seed + ", " + config.epochs() + " epochs)").write(dir.resolve("confusion.png"));
        if (options.json()) {
            Json.print(stdout, Json.object("dataset", ds.folder(), "seed", seed, "epochs", result.epochs(),
                    "test_accuracy", result.test().accuracy(), "checkpoint", checkpoint,
                    "confusion_png", dir.resolve("confusion.png")));
        } else {
            for (CnnTrainer.Epoch e : result.epochs()) {
                stdout.printf(Locale.ROOT, "epoch %2d  train loss %.4f  test accuracy %.4f  %.0f s  %.0f images/s%n",
                        e.epoch(), e.trainLoss(), e.testAccuracy(), e.seconds(), e.imagesPerSecond());
            }
            stdout.println();
            stdout.print(result.test().report(ds.classNames()));
            stdout.println("checkpoint: " + checkpoint);
            stdout.println("confusion matrix: " + dir.resolve("confusion.png"));
        }
        return 0;
    }
}
