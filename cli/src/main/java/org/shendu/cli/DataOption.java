package org.shendu.cli;

import java.nio.file.Path;
import org.shendu.data.DataDirectory;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the datasets are, for commands that read one. */
public final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (default: $SHENDU_DATA, else ~/.shendu/data).")
    @FolderPath
    Path data;

    /** The data directory this run reads from. */
    public DataDirectory dataDirectory() {
        return DataDirectory.resolve(data);
    }
}
