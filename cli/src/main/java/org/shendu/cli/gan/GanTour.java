package org.shendu.cli.gan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shendu.cli.TourStep;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.data.ImageSet;
import org.shendu.data.Samples;
import org.shendu.gan.Architecture;
import org.shendu.gan.Gan;
import org.shendu.gan.GanSpec;
import org.shendu.gan.GanTrainer;
import org.shendu.gan.TrainingRecipe;
import org.shendu.gan.TrainingRecord;
import org.shendu.gan.data.IdxImageSource;

/**
 * The GAN's part of the tour: the course's fully connected GAN, conditional, trained for a few
 * seconds on the 1,000 shipped MNIST digits; it leaves the real grid, the fixed-noise grid (one
 * column per digit class) and the progress sheet.
 */
public final class GanTour implements TourStep {

    @Override
    public String title() {
        return "gan: generating digits";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) throws Exception {
        Device device = Device.of("cpu");
        ImageSet data = Samples.mnist();
        Path ganDir = dir.resolve("gan");
        GanSpec spec = new GanSpec(Architecture.MLP, 1, 28, 100, 10);
        TrainingRecipe recipe = TrainingRecipe.dcgan().withEpochs(4).withBatchSize(32).withLearningRates(1e-3f, 1e-3f);
        TrainingRecord record = new TrainingRecord(ganDir, spec, 0);
        IdxImageSource source = new IdxImageSource(data.trainImages(), data.trainLabels(), "sample-mnist");
        record.writeReal(source, seed);
        List<GanTrainer.Epoch> epochs;
        try (Gan gan = Gan.create(device, spec, recipe, seed)) {
            epochs = GanTrainer.train(gan, source, seed, 1, 0, ganDir.resolve("checkpoint"), Progress.Factory.NONE, record);
        }
        StringBuilder md = new StringBuilder();
        for (GanTrainer.Epoch e : epochs) {
            out.println(e.line());
            md.append("- ").append(e.line()).append('\n');
        }
        String last = String.format(Locale.ROOT, "samples/epoch-%03d.png", epochs.size());
        out.println("fixed-noise samples, one column per digit: " + ganDir.resolve(last));
        md.append("\nThe course's fully connected GAN, conditional on the digit, trained for ").append(epochs.size())
                .append(" epochs on the 1,000 shipped digits (seconds; `shendu gan train` on the full MNIST makes real digits, see docs/gan.md)."
                        + " Left: real digits; right: generated, column k asked for digit k.\n\n")
                .append("![real](gan/real.png) ![generated](gan/").append(last).append(")\n");
        return md.toString();
    }
}
