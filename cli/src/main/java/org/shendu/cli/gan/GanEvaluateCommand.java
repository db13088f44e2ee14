package org.shendu.cli.gan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.core.Device;
import org.shendu.core.io.Checkpoint;
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
 * classifier, and the class statistics of its samples beside the real test set's.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "FID (reference classifier, anchors/quality/QUALITY.md) and class statistics of a trained generator.")
public final class GanEvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder written by 'shendu gan train'.")
    Path checkpoint;

    @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist",
            description = "The real images and classifier (default: what the generator was trained on).")
    String dataset;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "The reference classifier's weights (default: fid/ in the data directory or anchors/quality/ beside it).")
    Path classifier;

    @Option(names = "--samples", defaultValue = "10000", description = "Generated images (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise-seed", defaultValue = "12345", description = "Seed of the evaluation noise (default: ${DEFAULT-VALUE}).")
    long noiseSeed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Checkpoint.Info info = Gan.info(checkpoint);
        String ds = dataset != null ? dataset : String.valueOf(info.extra().getOrDefault("data", "mnist"));
        if (!ds.equals("mnist") && !ds.equals("fashion-mnist")) {
            throw new org.shendu.core.ShenduException(checkpoint + ": trained on " + ds
                    + "; FID is defined for mnist and fashion-mnist (pass --dataset to measure against one of them)");
        }
        if (samples < 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--samples must be at least 2");
        }
        Device device = Device.of(options.device()).threads(options.threads());
        Path weights = classifier != null ? classifier : FidWeights.locate(options.dataDirectory(), ds);
        long start = System.nanoTime();
        Generator g = Gan.loadGenerator(checkpoint, device);
        try (g; ReferenceClassifier c = ReferenceClassifier.load(weights, device)) {
            ImageSet set = ImageSet.read(options.dataDirectory().path(ds));
            FidReference real = FidReference.of(c, set.testImages(), 0, device);
            GeneratorEvaluation.Report r = GeneratorEvaluation.evaluate(g, real, samples, noiseSeed);
            double seconds = (System.nanoTime() - start) / 1e9;
            String name = ds.equals("mnist") ? "FID-MNIST" : "FID-Fashion";
            if (options.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("checkpoint", checkpoint.toString());
                json.put("dataset", ds);
                json.put("epoch", info.extra().get("epoch"));
                json.put("samples", r.samples());
                json.put("noise_seed", r.noiseSeed());
                json.put("fid", r.fid());
                json.put("classes", classes(r.classes()));
                json.put("real_test_classes", classes(real.classes()));
                json.put("classifier", weights.toString());
                json.put("seconds", seconds);
                out.println(new ObjectMapper().writeValueAsString(json));
            } else {
                out.printf(Locale.ROOT, "%s %.3f (%d samples, noise seed %d, generator after epoch %s)%n", name, r.fid(), r.samples(),
                        r.noiseSeed(), info.extra().get("epoch"));
                out.println(line("samples", r.classes()));
                out.println(line("real test", real.classes()));
                out.printf(Locale.ROOT, "(%.0f s; classifier %s)%n", seconds, weights);
            }
        }
        return 0;
    }

    private static String line(String what, ClassStatistics s) {
        return String.format(Locale.ROOT, "%-9s  class histogram %s  entropy %.4f nats (max 2.3026)  mean max-softmax %.4f  classifier score %.3f",
                what, Arrays.toString(s.histogram()), s.entropy(), s.meanMaxSoftmax(), s.classifierScore());
    }

    private static Map<String, Object> classes(ClassStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("histogram", s.histogram());
        m.put("entropy_nats", s.entropy());
        m.put("mean_max_softmax", s.meanMaxSoftmax());
        m.put("classifier_score", s.classifierScore());
        return m;
    }
}
