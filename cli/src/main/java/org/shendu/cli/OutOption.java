package org.shendu.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}, the folder a command writes every result file into. Checked writable before any
 * work starts; a command whose default folder differs passes it to {@link #get(Path)}.
 */
public final class OutOption {
    @Option(names = "--out", paramLabel = "DIR", description = "Folder for results (models, pictures, reports).")
    @OutputDir
    Path out;

    /** The output folder, or {@code fallback} when none was given. */
    public Path get(Path fallback) {
        return out == null ? fallback : out;
    }

    /** Whether {@code --out} was given. */
    public boolean given() {
        return out != null;
    }
}
