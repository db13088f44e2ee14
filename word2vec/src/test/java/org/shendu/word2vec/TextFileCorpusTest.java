package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileCorpusTest {
    @TempDir
    Path dir;

    /** Tokens of every line, read back with the given number of parts and buffer size. */
    private static List<List<String>> readAll(Path file, int parts, int buffer) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        long size = Files.size(file);
        for (int p = 0; p < parts; p++) {
            try (TokenScanner s = new TokenScanner(file, size * p / parts, size * (p + 1) / parts, buffer)) {
                List<String> line = new ArrayList<>();
                int e;
                while ((e = s.next()) != TokenScanner.END) {
                    if (e == TokenScanner.TOKEN) {
                        line.add(new String(s.buffer(), s.tokenOffset, s.tokenLength, StandardCharsets.UTF_8));
                    } else {
                        lines.add(line);
                        line = new ArrayList<>();
                    }
                }
                assertEquals(List.of(), line, "tokens after the last line end");
            }
        }
        return lines;
    }

    @Test
    void everyLineIsReadOnceWhateverTheSplitAndBuffer() throws IOException {
        Random r = new Random(3);
        List<List<String>> expected = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            List<String> line = new ArrayList<>();
            int n = r.nextInt(12);
            for (int j = 0; j < n; j++) {
                String w = "w" + r.nextInt(50) + (r.nextInt(10) == 0 ? "中文" : "");
                line.add(w);
                text.append(r.nextBoolean() ? " " : "\t ").append(w);
            }
            text.append(r.nextInt(5) == 0 ? "  \r\n" : "\n");
            expected.add(line);
        }
        Path file = dir.resolve("c.txt");
        Files.writeString(file, text);
        for (int parts : new int[] {1, 2, 3, 7, 64}) {
            for (int buffer : new int[] {16, 100, 1 << 16}) {
                assertEquals(expected, readAll(file, parts, buffer), parts + " parts, buffer " + buffer);
            }
        }
    }

    @Test
    void lastLineWithoutNewlineCounts() throws IOException {
        Path file = dir.resolve("c.txt");
        Files.writeString(file, "a b\n\nc d e");
        assertEquals(List.of(List.of("a", "b"), List.of(), List.of("c", "d", "e")), readAll(file, 1, 8));
        assertEquals(List.of(List.of("a", "b"), List.of(), List.of("c", "d", "e")), readAll(file, 2, 4));
    }

    @Test
    void readerDropsUnknownWordsAndCountsAllTokens() throws IOException {
        Path file = dir.resolve("c.txt");
        Files.writeString(file, "a b zz a\nb b\n");
        Corpus corpus = Corpus.textFile(file);
        TokenTable counts = corpus.count();
        assertEquals(3, counts.size());
        WordVocabulary v = WordVocabulary.prune(counts, 2, 0);
        assertEquals(List.of("b", "a"), v.words());
        try (SentenceReader reader = corpus.reader(v, 0, 1)) {
            int[] ids = new int[10];
            assertEquals(3, reader.next(ids));
            assertEquals(List.of(1, 0, 1), List.of(ids[0], ids[1], ids[2]));
            assertEquals(2, reader.next(ids));
            assertEquals(-1, reader.next(ids));
            assertEquals(6, reader.tokensRead);
        }
    }
}
