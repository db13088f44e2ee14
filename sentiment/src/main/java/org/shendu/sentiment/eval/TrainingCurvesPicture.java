package org.shendu.sentiment.eval;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.shendu.core.picture.LinePlot;
import org.shendu.core.picture.Png;
import org.shendu.rnn.classify.ClassifierTrainer.EpochFigures;

/**
 * Per-epoch training curves in one PNG: core's {@link LinePlot}s of the loss (left) and the
 * accuracy (right), each with the training series (a fixed sample of the training set, scored in
 * evaluation mode) and the validation series.
 */
public final class TrainingCurvesPicture {
    private static final int WIDTH = 480, HEIGHT = 360;

    private TrainingCurvesPicture() {}

    public static void write(List<EpochFigures> epochs, String title, Path file) {
        double[] x = epochs.stream().mapToDouble(EpochFigures::epoch).toArray();
        BufferedImage loss = LinePlot.titled(title + ": loss").axes("epoch", "cross-entropy")
                .series("train", x, epochs.stream().mapToDouble(EpochFigures::trainLoss).toArray())
                .series("validation", x, epochs.stream().mapToDouble(EpochFigures::valLoss).toArray())
                .size(WIDTH, HEIGHT).draw();
        BufferedImage accuracy = LinePlot.titled(title + ": accuracy").axes("epoch", "accuracy")
                .series("train", x, epochs.stream().mapToDouble(EpochFigures::trainAccuracy).toArray())
                .series("validation", x, epochs.stream().mapToDouble(EpochFigures::valAccuracy).toArray())
                .size(WIDTH, HEIGHT).draw();
        BufferedImage both = Png.canvas(2 * WIDTH, HEIGHT);
        Graphics2D g = both.createGraphics();
        g.drawImage(loss, 0, 0, null);
        g.drawImage(accuracy, WIDTH, 0, null);
        g.dispose();
        Png.write(both, file);
    }
}
