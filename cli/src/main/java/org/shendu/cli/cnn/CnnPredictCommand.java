package org.shendu.cli.cnn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cnn.CnnModel;
import org.shendu.core.Device;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu cnn predict CHECKPOINT IMAGE...}: the most likely classes of pictures. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify PNG pictures (any size; light backgrounds are inverted) with a trained CNN.")
public final class CnnPredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder written by 'shendu cnn train'.")
    Path checkpoint;

    @Parameters(index = "1..*", paramLabel = "IMAGE", description = "Pictures to classify.")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Device device = Device.of(options.device()).threads(options.threads());
        try (CnnModel model = CnnModel.load(checkpoint, device)) {
            for (Path image : images) {
                List<CnnModel.Guess> guesses = model.predict(image);
                StringBuilder sb = new StringBuilder(image + ": ");
                for (int i = 0; i < 3; i++) {
                    CnnModel.Guess g = guesses.get(i);
                    sb.append(String.format(Locale.ROOT, "%s%s %.3f", i == 0 ? "" : ", ", g.label(), g.probability()));
                }
                out.println(sb);
            }
        }
        return 0;
    }
}
