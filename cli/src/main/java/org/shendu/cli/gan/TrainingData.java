package org.shendu.cli.gan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.ShenduException;

/**
 * The images a {@code shendu gan train} run reads, as its data options chose them: a data set by name
 * (with the data directory it was read from) or a folder of pictures (colour or grey), and the limit
 * (0: all). The checkpoint records it, so that {@code --resume} reads the same images without the
 * options being given again, and refuses a run continued on other data.
 */
record TrainingData(String dataset, Path images, boolean grey, int limit, Path dataDirectory) {
    /** The key under which checkpoints keep it. */
    static final String KEY = "data_options";

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (images != null) {
            m.put("images", images.toString());
            m.put("grey", grey);
        } else {
            m.put("dataset", dataset);
        }
        m.put("limit", limit);
        if (dataDirectory != null) {
            m.put("data", dataDirectory.toString());
        }
        return m;
    }

    /** The same images read from {@code dir} instead (null: keep the recorded directory). */
    TrainingData in(Path dir) {
        return dir == null || dataDirectory == null ? this : new TrainingData(dataset, images, grey, limit, dir.toAbsolutePath().normalize());
    }

    /** What {@link #toMap()} wrote, or null when the checkpoint predates the record. */
    static TrainingData fromMap(Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            return null;
        }
        Object images = m.get("images"), data = m.get("data");
        return new TrainingData((String) m.get("dataset"), images == null ? null : Path.of(images.toString()),
                Boolean.TRUE.equals(m.get("grey")), m.get("limit") instanceof Number n ? n.intValue() : 0,
                data == null ? null : Path.of(data.toString()));
    }

    /**
     * Checks the data options given to {@code --resume} (null: not given) against the recorded ones,
     * naming each that differs in one line. ({@code --data} may differ: it says where the same data
     * set lives, e.g. after the run moved to another machine.)
     */
    void checkResume(String datasetOption, Path imagesOption, Boolean greyOption, Integer limitOption, Path run) {
        List<String> differ = new ArrayList<>();
        if (datasetOption != null && !datasetOption.equals(dataset)) {
            differ.add("--dataset " + datasetOption + " (the run: " + (dataset != null ? dataset : "--images " + images) + ")");
        }
        if (imagesOption != null && (images == null || !imagesOption.toAbsolutePath().normalize().equals(images))) {
            differ.add("--images " + imagesOption + " (the run: " + (images != null ? images : "--dataset " + dataset) + ")");
        }
        if (greyOption != null && images != null && greyOption != grey) {
            differ.add("--grey (the run: " + (grey ? "grey" : "colour") + ")");
        }
        if (limitOption != null && limitOption != limit) {
            differ.add("--limit " + limitOption + " (the run: " + (limit == 0 ? "all images" : limit) + ")");
        }
        if (!differ.isEmpty()) {
            throw new ShenduException("--resume continues the run in " + run + " on the data it started with, but "
                    + String.join(", ", differ) + " differ; leave them out, or train a new run in another --out");
        }
    }
}
