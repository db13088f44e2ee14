package org.shendu.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads word-pair similarity files as gensim ships them: {@code #} comment lines, then
 * {@code word1<TAB>word2<TAB>score} (any white space accepted between the three fields).
 */
public final class WordPairs {
    private WordPairs() {}

    public static List<WordPair> read(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            return read(lines);
        }
    }

    /** Reads from a stream (a shipped sample); {@code name} appears in errors. */
    public static List<WordPair> read(InputStream in, String name) {
        try (TextLines lines = TextLines.open(in, name)) {
            return read(lines);
        }
    }

    private static List<WordPair> read(TextLines lines) {
        List<WordPair> pairs = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length != 3) {
                throw lines.error("expected 3 fields `word1 word2 score`, found " + f.length);
            }
            double score;
            try {
                score = Double.parseDouble(f[2]);
            } catch (NumberFormatException e) {
                throw lines.error("bad score `" + f[2] + "`, expected a number");
            }
            pairs.add(new WordPair(f[0], f[1], score));
        }
        return List.copyOf(pairs);
    }
}
