package org.shendu.cli.poetry;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.InputPath;
import org.shendu.cli.OutputDir;
import org.shendu.rnn.poetry.PoetryModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shendu poetry export}: a trained model's weights in bfloat16, the form the jar ships. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained model for shipping: weights only, in bfloat16 (half the size; loads as float32).")
public final class PoetryExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "A checkpoint folder written by `shendu poetry train` (its best/).")
    @InputPath
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write (replaced whole; the jar's is rnn-lstm/src/main/resources/" + PoetryModel.PRETRAINED + ").")
    @OutputDir
    Path out;

    @Override
    public Integer call() throws Exception {
        PoetryModel.export(model, out);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
