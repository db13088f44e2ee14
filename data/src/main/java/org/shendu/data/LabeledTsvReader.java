package org.shendu.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code label<TAB>text} files (the Chinese sentiment corpora): a header line
 * {@code label<TAB>text}, then one record a line, split at the first TAB; labels are whole numbers
 * from 0. Gzip or plain, strict UTF-8.
 */
public final class LabeledTsvReader {
    private LabeledTsvReader() {}

    public static List<LabeledText> readAll(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            return read(lines);
        }
    }

    /** Reads from a stream (a shipped sample); {@code name} appears in errors. */
    public static List<LabeledText> readAll(InputStream in, String name) {
        try (TextLines lines = TextLines.open(in, name)) {
            return read(lines);
        }
    }

    private static List<LabeledText> read(TextLines lines) {
        String header = lines.next();
        if (header == null) {
            throw new org.shendu.core.ShenduException(lines.name() + ": empty file, expected the header `label<TAB>text`");
        }
        if (!header.equals("label\ttext")) {
            throw lines.error("expected the header `label<TAB>text`");
        }
        List<LabeledText> records = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw lines.error("expected 2 tab-separated fields (label, text), found 1");
            }
            String label = line.substring(0, tab);
            int value;
            try {
                value = Integer.parseInt(label);
            } catch (NumberFormatException e) {
                throw lines.error("bad label `" + label + "`, expected a whole number such as 0 or 1");
            }
            if (value < 0) {
                throw lines.error("bad label " + value + ", expected 0 or more");
            }
            records.add(new LabeledText(value, line.substring(tab + 1)));
        }
        return records;
    }
}
