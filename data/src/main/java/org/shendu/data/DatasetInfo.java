package org.shendu.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link Dataset#inspect} found: the folder, the record counts by part (e.g. train, test),
 * and a problem when the dataset is missing or unreadable (null when all is well).
 */
public record DatasetInfo(Dataset dataset, Path folder, Map<String, Long> counts, String problem) {

    public boolean ok() {
        return problem == null;
    }
}
