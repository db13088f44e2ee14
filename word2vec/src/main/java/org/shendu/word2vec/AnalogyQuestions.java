package org.shendu.word2vec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shendu.core.ShenduException;

/**
 * Analogy questions in the layout of the Google set ({@code questions-words.txt}) and CA8: lines
 * {@code : section} start a section, other lines hold four words {@code a b c d}, "a is to b as c
 * is to d". CRLF line ends are accepted.
 */
public record AnalogyQuestions(List<Section> sections) {

    /** A named section of questions. */
    public record Section(String name, List<Question> questions) {}

    /** "a is to b as c is to d". */
    public record Question(String a, String b, String c, String d) {}

    public static AnalogyQuestions read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ShenduException(file + ": no such analogy file");
        }
    }

    /** Reads from a stream; {@code name} appears in error messages. */
    public static AnalogyQuestions read(InputStream stream, String name) throws IOException {
        List<Section> sections = new ArrayList<>();
        List<Question> current = null;
        String sectionName = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(":")) {
                if (sectionName != null) {
                    sections.add(new Section(sectionName, List.copyOf(current)));
                }
                sectionName = line.substring(1).strip();
                current = new ArrayList<>();
                continue;
            }
            String[] w = line.split("\\s+");
            if (w.length != 4) {
                throw new ShenduException(name + ":" + no + ": expected 4 words, found " + w.length);
            }
            if (current == null) {
                throw new ShenduException(name + ":" + no + ": question before the first ': section' line");
            }
            current.add(new Question(w[0], w[1], w[2], w[3]));
        }
        if (sectionName != null) {
            sections.add(new Section(sectionName, List.copyOf(current)));
        }
        if (sections.isEmpty()) {
            throw new ShenduException(name + ": no analogy sections found");
        }
        return new AnalogyQuestions(List.copyOf(sections));
    }
}
