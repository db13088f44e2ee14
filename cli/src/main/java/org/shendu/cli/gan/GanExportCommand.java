package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.InputPath;
import org.shendu.cli.OutOption;
import org.shendu.core.Device;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.json.Json;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shendu gan export CHECKPOINT --out DIR}: the generator alone, for sharing (no discriminator,
 * no optimizer state), in float32 or, with {@code --bf16}, bfloat16.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained generator alone (what 'sample' and 'interpolate' need) into --out.")
public final class GanExportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    OutOption out;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A run folder or checkpoint written by 'shendu gan train'.")
    @InputPath
    Path checkpoint;

    @Option(names = "--bf16", description = "Store the weights in bfloat16 (half the bytes; how the generator in the jar "
            + "was made).")
    boolean bf16;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = GeneratorLoading.checkpointDir(checkpoint);
        Gan.info(dir); // one line when it is not a GAN's checkpoint
        Path target = out.get(Path.of("generator"));
        Checkpoint.exportWeights(dir, target, bf16, Gan.GENERATOR);
        try (Generator g = Gan.loadGenerator(target, Device.cpu())) {
            if (options.json()) {
                Json.print(stdout, Json.object("generator", target, "network", g.spec().architecture().id(), "parameters",
                        g.parameterCount()));
            } else {
                stdout.println(target + ": " + g.spec().architecture().id() + " generator, " + g.parameterCount() + " parameters");
            }
        }
        return 0;
    }
}
