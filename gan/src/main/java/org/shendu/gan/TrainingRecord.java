package org.shendu.gan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shendu.core.picture.ImageGrid;
import org.shendu.core.picture.LinePlot;
import org.shendu.gan.data.ImageSource;

/**
 * What a GAN run leaves in its folder, as pytorch/examples' dcgan does and a little more:
 * {@code real.png} (a grid of training images), {@code samples/epoch-NNN.png} (the same 64 fixed
 * latent vectors after every epoch, and {@code samples/step-NNNNNN.png} every {@code gridEvery} steps
 * when asked), {@code progress.png} (the first row of those grids, one row per epoch: how the same
 * vectors turn into digits), {@code epochs.csv} and {@code training.png} (per-epoch loss D, loss G,
 * D(x), D(G(z))). Every file is replaced atomically.
 */
public final class TrainingRecord implements GanTrainer.Listener {
    /** The seed of the fixed latent vectors, as {@code anchors/quality/dcgan.py}'s grid. */
    public static final long GRID_SEED = 2024;
    private static final int ROW = 8;

    private final Path dir;
    private final GanSpec spec;
    private final int gridEvery;
    private final float[] fixedNoise;
    private final int[] fixedLabels;
    private final int count, columns;
    private final List<float[]> progressRows = new ArrayList<>();

    public TrainingRecord(Path dir, GanSpec spec, int gridEvery) {
        this.dir = dir;
        this.spec = spec;
        this.gridEvery = gridEvery;
        if (spec.conditional()) {
            columns = Math.min(spec.classes(), 16);
            count = columns * ROW;
            fixedLabels = new int[count];
            for (int i = 0; i < count; i++) {
                fixedLabels[i] = i % columns;
            }
        } else {
            columns = ROW;
            count = 64;
            fixedLabels = null;
        }
        fixedNoise = LatentNoise.gaussian(GRID_SEED, count, spec.latent());
    }

    /** Writes the grid of real training images (the first 64 of a fixed shuffle of them). */
    public void writeReal(ImageSource data, long seed) {
        int n = Math.min(64, data.count());
        int[] idx = org.shendu.core.train.Shuffle.permutation(data.count(), seed);
        int px = data.channels() * data.size() * data.size();
        float[] pixels = new float[n * px];
        data.fill(java.util.Arrays.copyOf(idx, n), pixels);
        grid(pixels, n, columns == ROW ? ROW : columns).write(dir.resolve("real.png"));
    }

    @Override
    public void afterStep(Gan gan, int epoch, long step) {
        if (gridEvery > 0 && step % gridEvery == 0) {
            float[] images = Sampler.generate(gan.generator(), fixedNoise, count, fixedLabels);
            grid(images, count, columns).write(dir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", step)));
        }
    }

    @Override
    public void afterEpoch(Gan gan, GanTrainer.Epoch e) throws IOException {
        float[] images = Sampler.generate(gan.generator(), fixedNoise, count, fixedLabels);
        grid(images, count, columns).write(dir.resolve("samples").resolve(String.format(Locale.ROOT, "epoch-%03d.png", e.epoch())));
        int px = spec.channels() * spec.size() * spec.size();
        progressRows.add(java.util.Arrays.copyOf(images, columns * px));
        float[] sheet = new float[progressRows.size() * columns * px];
        for (int r = 0; r < progressRows.size(); r++) {
            System.arraycopy(progressRows.get(r), 0, sheet, r * columns * px, columns * px);
        }
        grid(sheet, progressRows.size() * columns, columns).write(dir.resolve("progress.png"));
        List<double[]> rows = appendCsv(dir.resolve("epochs.csv"), e);
        plot(rows, dir.resolve("training.png"));
    }

    private ImageGrid grid(float[] pixels, int n, int cols) {
        return ImageGrid.of(pixels, n, spec.channels(), spec.size(), spec.size()).columns(cols)
                .scale(spec.size() <= 32 ? 2 : 1).background(0x808080);
    }

    /** Appends the epoch to the CSV (kept across resumed runs) and returns all its rows. */
    static List<double[]> appendCsv(Path csv, GanTrainer.Epoch e) throws IOException {
        String header = "epoch,loss_d,loss_g,d_x,d_g_z,seconds,images_per_s";
        List<String> lines = new ArrayList<>(Files.exists(csv) ? Files.readAllLines(csv) : List.of(header));
        // a resumed run replaces the rows of the epochs it trains again
        lines.removeIf(l -> l.startsWith(e.epoch() + ","));
        lines.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.2f,%.2f", e.epoch(), e.lossD(), e.lossG(), e.dReal(), e.dFake(),
                e.seconds(), e.imagesPerSecond()));
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(csv.toAbsolutePath().getParent(), "epochs", ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            double[] v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Double.parseDouble(f[i]);
            }
            rows.add(v);
        }
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        return rows;
    }

    private static void plot(List<double[]> rows, Path png) {
        double[] x = new double[rows.size()];
        double[][] y = new double[4][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i)[0];
            for (int k = 0; k < 4; k++) {
                y[k][i] = rows.get(i)[k + 1];
            }
        }
        LinePlot.titled("GAN training, per-epoch means").axes("epoch", "value").series("loss D", x, y[0]).series("loss G", x, y[1])
                .series("D(x)", x, y[2]).series("D(G(z))", x, y[3]).write(png);
    }
}
