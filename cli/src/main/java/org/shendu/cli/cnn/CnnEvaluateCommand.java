package org.shendu.cli.cnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cnn.CnnModel;
import org.shendu.cnn.CnnTrainer;
import org.shendu.core.picture.Heatmap;
import org.shendu.core.metrics.ConfusionMatrix;
import org.shendu.core.Device;
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

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder written by 'shendu cnn train'.")
    Path checkpoint;

    @Option(names = "--dry-run", description = "Evaluate on the shipped sample's 200 test images.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Device device = Device.of(options.device()).threads(options.threads());
        try (CnnModel model = CnnModel.load(checkpoint, device)) {
            var ds = model.dataset();
            ImageSet data = ds.images(dryRun, options.dataDirectory());
            ConfusionMatrix m = CnnTrainer.evaluate(model.network(), data.testImages(), data.testLabels(), 0, 256);
            Path png = options.out(checkpoint.toAbsolutePath().getParent()).resolve("confusion.png");
            Heatmap.confusion(m, ds.classNames(), "CNN on " + ds.folder() + " test set").write(png);
            if (options.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("dataset", ds.folder());
                json.put("accuracy", m.accuracy());
                json.put("images", m.total());
                json.put("confusion", m.counts());
                out.println(new ObjectMapper().writeValueAsString(json));
            } else {
                out.print(m.report(ds.classNames()));
                out.println("confusion matrix: " + png);
            }
        }
        return 0;
    }
}
