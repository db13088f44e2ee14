package org.shendu.cnn;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.picture.ImageGrid;

/** A trained CNN loaded from a checkpoint, for evaluation and for predicting the class of a picture. */
public final class CnnModel implements AutoCloseable {
    private final MnistCnn net;
    private final Datasets dataset;

    private CnnModel(MnistCnn net, Datasets dataset) {
        this.net = net;
        this.dataset = dataset;
    }

    public static CnnModel load(Path checkpoint, Device device) throws IOException {
        Checkpoint.Info info = Checkpoint.info(checkpoint);
        if (!"mnist_cnn".equals(info.kind())) {
            throw ShenduException.in(checkpoint, "holds a '" + info.kind() + "' model, not a CNN");
        }
        MnistCnn net = new MnistCnn(device);
        Checkpoint.load(checkpoint, net, null);
        net.eval();
        Object ds = info.config().get("dataset");
        return new CnnModel(net, Datasets.named(ds == null ? "mnist" : ds.toString()));
    }

    public MnistCnn network() {
        return net;
    }

    public Datasets dataset() {
        return dataset;
    }

    /** A class and its probability. */
    public record Guess(String label, int index, double probability) {}

    /** The classes of a picture, most likely first. */
    public List<Guess> predict(Path png) throws IOException {
        float[] pixels = readAs28x28(png);
        float[] probs;
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            probs = net.forward(net.device().tensor(pixels, 1, 1, 28, 28)).softmax().toFloatArray();
        }
        List<Guess> out = new ArrayList<>();
        String[] names = dataset.classNames();
        for (int i = 0; i < probs.length; i++) {
            out.add(new Guess(names[i], i, probs[i]));
        }
        out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        return out;
    }

    /**
     * Reads a picture as the network sees its inputs: grey, 28x28, values in [0, 1] with a dark
     * background. A light-background picture (a digit drawn in ink on paper) is inverted.
     */
    static float[] readAs28x28(Path png) throws IOException {
        if (!Files.isRegularFile(png)) {
            throw ShenduException.in(png, "no such file");
        }
        BufferedImage src = ImageIO.read(png.toFile());
        if (src == null) {
            throw ShenduException.in(png, "not an image ImageIO can read (PNG, JPEG, GIF, BMP)");
        }
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, 28, 28, null);
        g.dispose();
        float[] v = new float[28 * 28];
        double mean = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                v[y * 28 + x] = (small.getRaster().getSample(x, y, 0) & 0xff) / 255f;
                mean += v[y * 28 + x];
            }
        }
        if (mean / v.length > 0.5) {
            for (int i = 0; i < v.length; i++) {
                v[i] = 1f - v[i];
            }
        }
        return v;
    }

    /** Writes image i of a set as a PNG (white on black, as stored). */
    public static void writePng(org.shendu.data.IdxImages images, int i, Path file) {
        float[] v = new float[images.rows() * images.cols()];
        for (int y = 0; y < images.rows(); y++) {
            for (int x = 0; x < images.cols(); x++) {
                v[y * images.cols() + x] = images.pixel(i, y, x) / 255f;
            }
        }
        ImageGrid.of(v, 1, 1, images.rows(), images.cols()).range(ImageGrid.Range.ZERO_TO_ONE).padding(0).write(file);
    }

    @Override
    public void close() {
        net.close();
    }
}
