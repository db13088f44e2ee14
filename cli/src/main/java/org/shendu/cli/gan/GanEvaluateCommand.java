package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.InputFile;
import org.shendu.cli.InputPath;
import org.shendu.cli.OneOf;
import org.shendu.cli.ThreadsOption;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.json.Json;
import org.shendu.data.ImageSet;
import org.shendu.gan.Gan;
import org.shendu.gan.Generator;
import org.shendu.gan.fid.ClassStatistics;
import org.shendu.gan.fid.FidReference;
import org.shendu.gan.fid.FidWeights;
import org.shendu.gan.fid.GeneratorEvaluation;
import org.shendu.gan.fid.ReferenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shendu gan evaluate CHECKPOINT}: FID-MNIST or FID-Fashion of a generator with the reference
 * classifier ({@code anchors/quality/QUALITY.md} §3-4), and the class statistics of its samples
 * beside the real test set's.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "FID with the reference classifier, and class statistics, of a trained generator.")
public final class GanEvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    DataOption data;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A run folder or checkpoint written by 'shendu gan train'.")
    @InputPath
    Path checkpoint;

    @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist",
            description = "The real test images and classifier (default: what the generator was trained on).")
    @OneOf({"mnist", "fashion-mnist"})
    String dataset;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "The reference classifier's weights (default: fid/ in the data directory, or anchors/quality/ beside it).")
    @InputFile
    Path classifier;

    @Option(names = "--samples", defaultValue = "10000", description = "Generated images (default: ${DEFAULT-VALUE}).")
    @AtLeast(2)
    int samples;

    @Option(names = "--noise-seed", defaultValue = "12345", description = "Seed of the evaluation noise (default: ${DEFAULT-VALUE}).")
    @AtLeast(0)
    long noiseSeed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = GeneratorLoading.checkpointDir(checkpoint);
        Checkpoint.Info info = Gan.info(dir);
        String ds = dataset != null ? dataset : String.valueOf(info.extra().getOrDefault("data", "mnist"));
        if (!ds.equals("mnist") && !ds.equals("fashion-mnist")) {
            throw new ShenduException(checkpoint + ": the generator was trained on " + ds
                    + "; FID is defined for mnist and fashion-mnist (pass --dataset to measure against one of them)");
        }
        Path weights = classifier != null ? classifier : FidWeights.locate(data.dataDirectory(), ds);
        Device dev = device.open(threads.get());
        long start = System.nanoTime();
        try (Generator g = GeneratorLoading.load(dir, dev); ReferenceClassifier c = ReferenceClassifier.load(weights, dev)) {
            ImageSet set = ImageSet.read(data.dataDirectory().path(ds));
            FidReference real = FidReference.of(c, set.testImages(), 0, dev);
            GeneratorEvaluation.Report r = GeneratorEvaluation.evaluate(g, real, samples, noiseSeed);
            double seconds = (System.nanoTime() - start) / 1e9;
            String name = ds.equals("mnist") ? "FID-MNIST" : "FID-Fashion";
            if (options.json()) {
                Json.print(stdout, Json.object("checkpoint", dir, "dataset", ds, "metric", name, "epoch", info.extra().get("epoch"),
                        "samples", r.samples(), "noise_seed", r.noiseSeed(), "fid", r.fid(), "classes", classes(r.classes()),
                        "real_test_classes", classes(real.classes()), "asked_class_accuracy",
                        Double.isNaN(r.askedClassAccuracy()) ? null : r.askedClassAccuracy(), "classifier", weights, "seconds", seconds));
            } else {
                stdout.printf(Locale.ROOT, "%s %.3f (%d samples, noise seed %d; generator after epoch %s)%n", name, r.fid(), r.samples(),
                        r.noiseSeed(), info.extra().get("epoch"));
                stdout.println(line("samples", r.classes()));
                stdout.println(line("real test", real.classes()));
                if (!Double.isNaN(r.askedClassAccuracy())) {
                    stdout.printf(Locale.ROOT, "samples classified as the class asked for: %.4f (chance 0.1)%n", r.askedClassAccuracy());
                }
                stdout.printf(Locale.ROOT, "(%.0f s; classifier %s)%n", seconds, weights);
            }
        }
        return 0;
    }

    private static String line(String what, ClassStatistics s) {
        return String.format(Locale.ROOT, "%-9s  classes %s  entropy %.4f nats (max 2.3026)  mean max-softmax %.4f  classifier score %.3f",
                what, Arrays.toString(s.histogram()), s.entropy(), s.meanMaxSoftmax(), s.classifierScore());
    }

    private static Map<String, Object> classes(ClassStatistics s) {
        return Json.object("histogram", s.histogram(), "entropy_nats", s.entropy(), "mean_max_softmax", s.meanMaxSoftmax(),
                "classifier_score", s.classifierScore());
    }
}
