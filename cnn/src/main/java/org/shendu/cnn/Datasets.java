package org.shendu.cnn;

import java.util.List;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImageSet;
import org.shendu.data.Samples;
import org.shendu.core.ShenduException;

/** The two image datasets the CNN trains on, with their folder names and class names. */
public enum Datasets {
    MNIST("mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    FASHION_MNIST("fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot"));

    private final String folder;
    private final List<String> classes;

    Datasets(String folder, List<String> classes) {
        this.folder = folder;
        this.classes = classes;
    }

    /** The folder under the data directory, also the name users type. */
    public String folder() {
        return folder;
    }

    /** The shipped sample ({@code sample}) or the full dataset in {@code data}. */
    public ImageSet images(boolean sample, DataDirectory data) {
        if (sample) {
            return this == MNIST ? Samples.mnist() : Samples.fashionMnist();
        }
        return ImageSet.read(data.path(folder()));
    }

    public String[] classNames() {
        return classes.toArray(String[]::new);
    }

    public static Datasets named(String name) {
        for (Datasets d : values()) {
            if (d.folder.equalsIgnoreCase(name) || d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new ShenduException("unknown dataset '" + name + "' (mnist or fashion-mnist)");
    }
}
