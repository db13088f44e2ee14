package org.shendu.cli.cnn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputFile;
import org.shendu.cli.InputPath;
import org.shendu.cli.ThreadsOption;
import org.shendu.cnn.CnnModel;
import org.shendu.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu cnn predict CHECKPOINT IMAGE...}: the most likely classes of pictures. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify PNG pictures (any size; light backgrounds are inverted) with a trained CNN.")
public final class CnnPredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder written by 'shendu cnn train'.")
    @InputPath
    Path checkpoint;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Pictures to classify.")
    @InputFile
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "How many classes per picture (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Object> rows = new ArrayList<>();
        try (CnnModel model = CnnModel.load(checkpoint, device.open(threads.get()))) {
            for (Path image : images) {
                List<CnnModel.Guess> guesses = model.predict(image);
                guesses = guesses.subList(0, Math.min(top, guesses.size()));
                if (options.json()) {
                    rows.add(Json.object("image", image, "guesses", guesses));
                    continue;
                }
                StringBuilder sb = new StringBuilder(image + ": ");
                for (int i = 0; i < guesses.size(); i++) {
                    CnnModel.Guess g = guesses.get(i);
                    sb.append(String.format(Locale.ROOT, "%s%s %.3f", i == 0 ? "" : ", ", g.label(), g.probability()));
                }
                out.println(sb);
            }
        }
        if (options.json()) {
            Json.print(out, rows);
        }
        out.flush();
        return 0;
    }
}
