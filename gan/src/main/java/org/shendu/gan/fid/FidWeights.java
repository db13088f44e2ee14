package org.shendu.gan.fid;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shendu.core.ShenduException;
import org.shendu.data.DataDirectory;

/**
 * Finds the reference classifier's weights file of a data set ({@code mnist_cnn_fid.safetensors},
 * {@code fashion_cnn_fid.safetensors}; 13 MB each, so not in the jar): in {@code fid/} of the data
 * directory, or in {@code anchors/quality/} beside it (the project's shared layout).
 */
public final class FidWeights {
    private FidWeights() {}

    /** The file name for {@code mnist} or {@code fashion-mnist}. */
    public static String fileName(String dataset) {
        return switch (dataset) {
            case "mnist" -> "mnist_cnn_fid.safetensors";
            case "fashion-mnist" -> "fashion_cnn_fid.safetensors";
            default -> throw new ShenduException("no reference classifier for data set '" + dataset
                    + "': FID is defined for mnist and fashion-mnist");
        };
    }

    /** The places looked at, in order. */
    public static List<Path> candidates(DataDirectory data, String dataset) {
        String name = fileName(dataset);
        List<Path> out = new ArrayList<>();
        out.add(data.root().resolve("fid").resolve(name));
        Path parent = data.root().toAbsolutePath().getParent();
        if (parent != null) {
            out.add(parent.resolve("anchors").resolve("quality").resolve(name));
        }
        return out;
    }

    /** The first candidate that exists, or an error saying where to put the file. */
    public static Path locate(DataDirectory data, String dataset) {
        List<Path> places = candidates(data, dataset);
        for (Path p : places) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ShenduException("reference classifier " + fileName(dataset) + " not found (looked at " + places.get(0)
                + "); copy it there from anchors/quality/ or pass --classifier FILE");
    }
}
