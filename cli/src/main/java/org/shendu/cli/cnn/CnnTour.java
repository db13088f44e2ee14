package org.shendu.cli.cnn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shendu.cli.TourStep;
import org.shendu.cnn.CnnModel;
import org.shendu.cnn.CnnTrainer;
import org.shendu.core.picture.Heatmap;
import org.shendu.cnn.Datasets;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.data.ImageSet;
import org.shendu.data.Samples;

/** The CNN's part of the tour: a short training on the shipped MNIST sample, its confusion matrix and one prediction. */
public final class CnnTour implements TourStep {

    @Override
    public String title() {
        return "cnn: MNIST digits";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) throws Exception {
        Device device = Device.of("cpu");
        ImageSet data = Samples.mnist();
        Path cnnDir = dir.resolve("cnn");
        Path checkpoint = cnnDir.resolve("checkpoint");
        CnnTrainer.Config config = CnnTrainer.Config.defaults(Datasets.MNIST, seed).withEpochs(2).withLimits(640, 0);
        CnnTrainer.Result result = CnnTrainer.train(device, data, config, Progress.Factory.NONE, checkpoint);
        StringBuilder md = new StringBuilder();
        for (CnnTrainer.Epoch e : result.epochs()) {
            String line = String.format(Locale.ROOT, "epoch %d: train loss %.3f, test accuracy %.3f (%.0f images/s)",
                    e.epoch(), e.trainLoss(), e.testAccuracy(), e.imagesPerSecond());
            out.println(line);
            md.append("- ").append(line).append('\n');
        }
        Heatmap.confusion(result.test(), Datasets.MNIST.classNames(), "CNN on the MNIST sample").write(cnnDir.resolve("confusion.png"));
        Path digit = cnnDir.resolve("digit.png");
        CnnModel.writePng(data.testImages(), 0, digit);
        try (CnnModel model = CnnModel.load(checkpoint, device)) {
            List<CnnModel.Guess> g = model.predict(digit);
            String p = String.format(Locale.ROOT, "`shendu cnn predict` on a test digit labelled %d: %s (p = %.2f)",
                    data.testLabels()[0], g.get(0).label(), g.get(0).probability());
            out.println(p);
            md.append("\nTrained on 640 of the shipped training digits for 2 epochs (seconds on a laptop), tested on the 200 shipped test digits"
                    + " (the full data reaches 99.2%+; see docs/cnn.md).\n\n").append(p).append("\n\n![confusion matrix](cnn/confusion.png)\n");
        }
        return md.toString();
    }
}
