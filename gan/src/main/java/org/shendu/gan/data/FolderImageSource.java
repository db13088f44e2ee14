package org.shendu.gan.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.shendu.core.ShenduException;

/**
 * Any folder of PNG and JPEG pictures, as pytorch/examples' {@code folder} dataset: every picture
 * under the folder (sorted by path) is centre-cropped to a square, resized to {@code size x size}
 * (bilinear) and kept as grey or RGB bytes. When the pictures sit in two or more sub-folders, the
 * sub-folder is the class (for a conditional GAN), as torchvision's {@code ImageFolder}.
 */
public final class FolderImageSource implements ImageSource {
    private final Path root;
    private final int count, channels, size;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    private FolderImageSource(Path root, int channels, int size, byte[] pixels, int[] labels, List<String> classNames) {
        this.root = root;
        this.channels = channels;
        this.size = size;
        this.pixels = pixels;
        this.count = labels.length;
        this.labels = labels;
        this.classNames = classNames;
    }

    /** Reads at most {@code limit} pictures (all when {@code limit <= 0}). */
    public static FolderImageSource read(Path folder, int size, int channels, int limit) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw ShenduException.in(folder, "no such folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(FolderImageSource::isPicture).sorted().toList();
        }
        if (files.isEmpty()) {
            throw ShenduException.in(folder, "no PNG or JPEG pictures in this folder (looked for *.png, *.jpg, *.jpeg)");
        }
        if (limit > 0 && files.size() > limit) {
            files = files.subList(0, limit);
        }
        TreeSet<String> dirs = new TreeSet<>();
        for (Path f : files) {
            Path rel = folder.relativize(f);
            dirs.add(rel.getNameCount() > 1 ? rel.getName(0).toString() : "");
        }
        List<String> classNames = dirs.size() >= 2 && !dirs.contains("") ? List.copyOf(dirs) : List.of();
        int px = channels * size * size;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), px)];
        int[] labels = new int[files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            BufferedImage img;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException | RuntimeException e) {
                img = null;
            }
            if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
                throw ShenduException.in(f, "not a readable PNG or JPEG picture; remove or replace it");
            }
            write(squareResized(img, size), channels, pixels, i * px);
            labels[i] = classNames.isEmpty() ? 0 : classNames.indexOf(folder.relativize(f).getName(0).toString());
        }
        return new FolderImageSource(folder, channels, size, pixels, labels, classNames);
    }

    private static boolean isPicture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The central square of {@code img}, scaled to {@code size x size}. */
    static BufferedImage squareResized(BufferedImage img, int size) {
        int side = Math.min(img.getWidth(), img.getHeight());
        int x0 = (img.getWidth() - side) / 2, y0 = (img.getHeight() - side) / 2;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, 0, 0, size, size, x0, y0, x0 + side, y0 + side, null);
        g.dispose();
        return out;
    }

    /** RGB planes, or grey by the ITU-R 601 luma weights (as PIL's {@code convert("L")}). */
    private static void write(BufferedImage img, int channels, byte[] dst, int offset) {
        int size = img.getWidth(), plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                int at = y * size + x;
                if (channels == 1) {
                    dst[offset + at] = (byte) Math.round((r * 299 + g * 587 + b * 114) / 1000.0);
                } else {
                    dst[offset + at] = (byte) r;
                    dst[offset + plane + at] = (byte) g;
                    dst[offset + 2 * plane + at] = (byte) b;
                }
            }
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    /** The class names (sub-folders), empty when the pictures carry no classes. */
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public void fill(int[] indices, float[] dst) {
        int px = channels * size * size;
        for (int i = 0; i < indices.length; i++) {
            int src = indices[i] * px;
            for (int j = 0; j < px; j++) {
                dst[i * px + j] = (pixels[src + j] & 0xff) / 127.5f - 1f;
            }
        }
    }

    @Override
    public String describe() {
        return "folder " + root + " (" + count + " pictures, " + size + "x" + size + (channels == 1 ? " grey" : " colour") + ")";
    }
}
