package org.shendu.cli.cnn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputPath;
import org.shendu.cli.OutOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.json.Json;
import org.shendu.cnn.CnnModel;
import org.shendu.cnn.CnnTrainer;
import org.shendu.core.picture.Heatmap;
import org.shendu.core.metrics.ConfusionMatrix;
import org.shendu.data.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu cnn evaluate CHECKPOINT}: test accuracy, per-class precision/recall and a confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained CNN on its dataset's test set.")
public final class CnnEvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    ThreadsOption threads;

    @Mixin
    OutOption out;

    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder written by 'shendu cnn train'.")
    @InputPath
    Path checkpoint;

    @Option(names = "--dry-run", description = "Evaluate on the shipped sample's 200 test images.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        try (CnnModel model = CnnModel.load(checkpoint, device.open(threads.get()))) {
            var ds = model.dataset();
            ImageSet data = ds.images(dryRun, this.data.dataDirectory());
            ConfusionMatrix m = CnnTrainer.evaluate(model.network(), data.testImages(), data.testLabels(), 0, 256);
            Path png = out.get(checkpoint.toAbsolutePath().getParent()).resolve("confusion.png");
            Heatmap.confusion(m, ds.classNames(), "CNN on " + ds.folder() + " test set").write(png);
            if (options.json()) {
                Json.print(stdout, Json.object("dataset", ds.folder(), "accuracy", m.accuracy(), "images", m.total(),
                        "confusion", m.counts(), "confusion_png", png));
            } else {
                stdout.print(m.report(ds.classNames()));
                stdout.println("confusion matrix: " + png);
            }
        }
        return 0;
    }
}
