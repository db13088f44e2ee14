package org.shendu.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds the full datasets, one subfolder per dataset ({@code imdb/},
 * {@code mnist/}, ...). Chosen as {@code --data DIR}, else {@code $SHENDU_DATA}, else
 * {@code ~/.shendu/data}.
 */
public record DataDirectory(Path root, String source) {

    /** The variable that names the data directory when {@code --data} is not given. */
    public static final String ENV = "SHENDU_DATA";

    /** Resolves the data directory from an explicit choice (may be null) and the environment. */
    public static DataDirectory resolve(Path explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static DataDirectory resolve(Path explicit, Map<String, String> env, Path home) {
        if (explicit != null) {
            return new DataDirectory(explicit, "--data");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv), "$" + ENV);
        }
        return new DataDirectory(home.resolve(".shendu").resolve("data"), "default");
    }

    /** A file or folder inside the data directory, e.g. {@code path("imdb", "train.tsv.gz")}. */
    public Path path(String first, String... more) {
        return root.resolve(Path.of(first, more));
    }

    /** Whether {@code path(first, more...)} exists. */
    public boolean has(String first, String... more) {
        return Files.exists(path(first, more));
    }
}
