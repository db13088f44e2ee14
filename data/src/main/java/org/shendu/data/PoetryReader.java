package org.shendu.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.shendu.core.ShenduException;

/**
 * Reads chinese-poetry poems: our JSON Lines files (one {@code {"title","author","paragraphs"}}
 * object a line, gzipped or not), the upstream per-file JSON arrays ({@code poet.tang.0.json},
 * other keys ignored), or a folder of such array files read in numeric order.
 */
public final class PoetryReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PoetryReader() {}

    public static List<Poem> readAll(Path path) {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        try (TextLines lines = TextLines.open(path)) {
            return read(lines);
        }
    }

    /** Reads from a stream (a shipped sample); {@code name} appears in errors. */
    public static List<Poem> readAll(InputStream in, String name) {
        try (TextLines lines = TextLines.open(in, name)) {
            return read(lines);
        }
    }

    private static List<Poem> read(TextLines lines) {
        String first = lines.next();
        while (first != null && first.isBlank()) {
            first = lines.next();
        }
        if (first == null) {
            return List.of();
        }
        return first.stripLeading().startsWith("[") ? array(lines, first) : jsonLines(lines, first);
    }

    private static List<Poem> jsonLines(TextLines lines, String first) {
        List<Poem> poems = new ArrayList<>();
        for (String line = first; line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw lines.error("invalid JSON: " + e.getOriginalMessage());
            }
            poems.add(poem(node, lines.name() + ":" + lines.lineNumber()));
        }
        return poems;
    }

    private static List<Poem> array(TextLines lines, String first) {
        long firstLine = lines.lineNumber();
        StringBuilder text = new StringBuilder(first).append('\n');
        for (String line = lines.next(); line != null; line = lines.next()) {
            text.append(line).append('\n');
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.toString());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? firstLine : firstLine - 1 + e.getLocation().getLineNr();
            throw new ShenduException(lines.name() + ":" + line + ": invalid JSON: " + e.getOriginalMessage());
        }
        List<Poem> poems = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            poems.add(poem(root.get(i), lines.name() + ": poem " + (i + 1)));
        }
        return poems;
    }

    private static Poem poem(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ShenduException(where + ": expected a JSON object with title, author and paragraphs");
        }
        JsonNode paragraphs = node.get("paragraphs");
        if (paragraphs == null || !paragraphs.isArray()) {
            throw new ShenduException(where + ": missing the `paragraphs` array");
        }
        List<String> lines = new ArrayList<>(paragraphs.size());
        for (JsonNode p : paragraphs) {
            if (!p.isTextual()) {
                throw new ShenduException(where + ": `paragraphs` must hold strings");
            }
            lines.add(p.asText());
        }
        return new Poem(text(node, "title"), text(node, "author"), List.copyOf(lines));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static List<Poem> folder(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) -> compareNumeric(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        } catch (java.io.IOException e) {
            throw ShenduException.in(dir, "cannot list the folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw ShenduException.in(dir, "no .json poem files in the folder");
        }
        List<Poem> poems = new ArrayList<>();
        files.forEach(f -> poems.addAll(readAll(f)));
        return poems;
    }

    /** {@code poet.tang.2000.json} before {@code poet.tang.10000.json}. */
    private static int compareNumeric(String a, String b) {
        String na = a.replaceAll("\\D", "");
        String nb = b.replaceAll("\\D", "");
        if (!na.isEmpty() && !nb.isEmpty() && na.length() != nb.length()) {
            return Integer.compare(na.length(), nb.length());
        }
        int c = na.compareTo(nb);
        return c != 0 ? c : a.compareTo(b);
    }
}
