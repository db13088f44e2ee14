package org.shendu.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shendu.core.ShenduException;

/**
 * An analogy test set in the word2vec {@code questions-words.txt} layout (Mikolov et al. 2013),
 * also used by the Chinese CA8 sets: {@code : section} header lines, then questions
 * {@code a b c d}, one a line.
 */
public record AnalogySet(List<Section> sections) {

    /** A named group of questions, e.g. {@code capital-common-countries}. */
    public record Section(String name, List<Analogy> questions) {}

    public static AnalogySet read(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            return read(lines);
        }
    }

    /** Reads from a stream (a shipped sample); {@code name} appears in errors. */
    public static AnalogySet read(InputStream in, String name) {
        try (TextLines lines = TextLines.open(in, name)) {
            return read(lines);
        }
    }

    private static AnalogySet read(TextLines lines) {
        List<Section> sections = new ArrayList<>();
        String name = null;
        List<Analogy> questions = null;
        for (String line = lines.next(); line != null; line = lines.next()) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith(":")) {
                if (name != null) {
                    sections.add(new Section(name, List.copyOf(questions)));
                }
                name = s.substring(1).strip();
                questions = new ArrayList<>();
                continue;
            }
            String[] w = s.split("\\s+");
            if (w.length != 4) {
                throw lines.error("expected 4 words `a b c d`, found " + w.length);
            }
            if (questions == null) {
                throw lines.error("question before the first `: section` line");
            }
            questions.add(new Analogy(w[0], w[1], w[2], w[3]));
        }
        if (name != null) {
            sections.add(new Section(name, List.copyOf(questions)));
        }
        if (sections.isEmpty()) {
            throw new ShenduException(lines.name() + ": no analogy sections found");
        }
        return new AnalogySet(List.copyOf(sections));
    }

    /** The number of questions over all sections. */
    public int questionCount() {
        return sections.stream().mapToInt(s -> s.questions().size()).sum();
    }
}
