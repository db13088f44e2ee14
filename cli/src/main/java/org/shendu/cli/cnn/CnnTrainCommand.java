package org.shendu.cli.cnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
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

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "6", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate, cosine-annealed to 1/100 (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--limit", defaultValue = "0", description = "Train on the first N images only (0: all).")
    int limit;

    @Option(names = "--dry-run", description = "A few seconds on the shipped sample (1,000 training images, 1 epoch).")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long seed = options.seed(err);
        Datasets ds = Datasets.named(dataset);
        ImageSet data = ds.images(dryRun, options.dataDirectory());
        CnnTrainer.Config config = CnnTrainer.Config.defaults(ds, seed).withEpochs(epochs).withBatchSize(batchSize)
                .withLearningRate(lr).withLimits(limit, 0);
        if (dryRun) {
            config = config.withEpochs(1).withLimits(limit > 0 ? limit : 512, 0);
        }
        Device device = Device.of(options.device()).threads(options.threads());
        Path dir = options.out(Path.of("runs", "cnn-" + ds.folder()));
        Path checkpoint = dir.resolve("checkpoint");
        CnnTrainer.Result result = CnnTrainer.train(device, data, config, TerminalProgress.factory(options), checkpoint);
        Heatmap.confusion(result.test(), ds.classNames(),
                "CNN on " + ds.folder() + " (seed " + seed + ", " + config.epochs() + " epochs)").write(dir.resolve("confusion.png"));
        if (options.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", ds.folder());
            json.put("seed", seed);
            json.put("epochs", result.epochs());
            json.put("test_accuracy", result.test().accuracy());
            json.put("checkpoint", checkpoint.toString());
            out.println(new ObjectMapper().writeValueAsString(json));
        } else {
            for (CnnTrainer.Epoch e : result.epochs()) {
                out.printf(Locale.ROOT, "epoch %2d  train loss %.4f  test accuracy %.4f  %.0f s  %.0f images/s%n",
                        e.epoch(), e.trainLoss(), e.testAccuracy(), e.seconds(), e.imagesPerSecond());
            }
            out.println();
            out.print(result.test().report(ds.classNames()));
            out.println("checkpoint: " + checkpoint);
            out.println("confusion matrix: " + dir.resolve("confusion.png"));
        }
        return 0;
    }
}
