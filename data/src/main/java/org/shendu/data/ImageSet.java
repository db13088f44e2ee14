package org.shendu.data;

import java.nio.file.Path;

/** An image classification dataset split into training and test images with their labels. */
public record ImageSet(IdxImages trainImages, byte[] trainLabels, IdxImages testImages, byte[] testLabels) {

    /**
     * Reads the four standard IDX files ({@code train-images-idx3-ubyte.gz}, ...) of a folder such
     * as {@code mnist/} or {@code fashion-mnist/} in the data directory.
     */
    public static ImageSet read(Path folder) {
        return new ImageSet(
                IdxReader.images(file(folder, "train-images-idx3-ubyte")), IdxReader.labels(file(folder, "train-labels-idx1-ubyte")),
                IdxReader.images(file(folder, "t10k-images-idx3-ubyte")), IdxReader.labels(file(folder, "t10k-labels-idx1-ubyte")));
    }

    /** The gzipped file when present, else the plain one. */
    private static Path file(Path folder, String stem) {
        Path gz = folder.resolve(stem + ".gz");
        return java.nio.file.Files.exists(gz) ? gz : folder.resolve(stem);
    }
}
