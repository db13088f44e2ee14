package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;
import org.shendu.word2vec.Word2VecFormat.UnicodeErrors;

/**
 * The fixtures {@code gensim-vectors.{bin,txt}} were written by gensim 4.2 (Debian python3-gensim)
 * with {@code make_gensim_fixture.py} beside them; {@code gensim-vectors.expected.tsv} holds the
 * float32 values gensim wrote, as Python reprs.
 */
class Word2VecFormatTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private List<String> expectedWords() throws IOException {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(resource("gensim-vectors.expected.tsv"))) {
            words.add(line.split("\t")[0]);
        }
        return words;
    }

    private float[] expectedValues() throws IOException {
        List<Float> values = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("gensim-vectors.expected.tsv"))) {
            String[] f = line.split("\t");
            for (int i = 1; i < f.length; i++) {
                values.add(Float.parseFloat(f[i]));
            }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    @Test
    void readsGensimBinaryAndTextFiles() throws IOException {
        List<String> words = expectedWords();
        float[] values = expectedValues();
        for (boolean binary : new boolean[] {true, false}) {
            WordVectors v = Word2VecFormat.read(resource("gensim-vectors." + (binary ? "bin" : "txt")), binary, 0,
                    UnicodeErrors.STRICT);
            assertEquals(words, v.words());
            assertEquals(5, v.dimension());
            assertArrayEquals(values, v.raw(), binary ? "binary" : "text");
        }
    }

    @Test
    void limitKeepsTheFirstWords() throws IOException {
        WordVectors v = Word2VecFormat.read(resource("gensim-vectors.bin"), true, 3, UnicodeErrors.STRICT);
        assertEquals(List.of("the", "movie", "film"), v.words());
        assertArrayEquals(Arrays.copyOf(expectedValuesAfterWords(), 15), v.raw());
    }

    private float[] expectedValuesAfterWords() throws IOException {
        expectedWords();
        return expectedValues();
    }

    @Test
    void writesWhatTheCToolWritesAndReadsItBack() throws IOException {
        WordVectors v = new WordVectors(List.of("a", "中文"), new float[] {1.5f, -0.25f, 3e-8f, 7f}, 2, null);
        Path bin = dir.resolve("v.bin");
        v.save(bin, true);
        byte[] bytes = Files.readAllBytes(bin);
        // "2 2\n" "a " 1.5f -0.25f "\n" "中文 " 3e-8f 7f "\n"
        assertEquals(4 + 2 + 8 + 1 + 7 + 8 + 1, bytes.length);
        assertEquals("2 2\na ", new String(bytes, 0, 6, StandardCharsets.UTF_8));
        assertEquals((byte) 0x3f, bytes[9]); // 1.5f = 0x3fc00000 little-endian: 00 00 c0 3f
        assertEquals('\n', bytes[14]);
        Path txt = dir.resolve("v.txt");
        v.save(txt, false);
        assertEquals("2 2\na 1.5 -0.25\n中文 3.0E-8 7.0\n", Files.readString(txt));
        for (Path p : List.of(bin, txt)) {
            WordVectors back = Word2VecFormat.read(p, p == bin, 0, UnicodeErrors.STRICT);
            assertEquals(v.words(), back.words());
            assertArrayEquals(v.raw(), back.raw());
        }
    }

    @Test
    void cToolTextWithTrailingSpacesReads() throws IOException {
        Path txt = dir.resolve("c.txt");
        Files.writeString(txt, "2 3\n</s> 0.001 -0.002 0.003 \nthe 1.000000 2.000000 3.000000 \n");
        WordVectors v = Word2VecFormat.read(txt, false, 0, UnicodeErrors.STRICT);
        assertEquals(List.of("</s>", "the"), v.words());
        assertArrayEquals(new float[] {0.001f, -0.002f, 0.003f, 1, 2, 3}, v.raw());
    }

    @Test
    void invalidUtf8FollowsThePolicy() throws IOException {
        Path bin = dir.resolve("bad.bin");
        byte[] word = {'c', 'a', 'f', (byte) 0xC3}; // a character cut in half, as the C tool's 100-byte limit does
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write("1 1\n".getBytes(StandardCharsets.US_ASCII));
        out.write(word);
        out.write(new byte[] {' ', 0, 0, (byte) 0x80, 0x3f, '\n'});
        Files.write(bin, out.toByteArray());
        ShenduException e = assertThrows(ShenduException.class,
                () -> Word2VecFormat.read(bin, true, 0, UnicodeErrors.STRICT));
        assertTrue(e.getMessage().contains("record 1: invalid UTF-8"), e.getMessage());
        assertEquals("caf\uFFFD", Word2VecFormat.read(bin, true, 0, UnicodeErrors.REPLACE).word(0));
        assertEquals("caf", Word2VecFormat.read(bin, true, 0, UnicodeErrors.IGNORE).word(0));
    }

    @Test
    void corruptFilesFailWithOneLine() throws IOException {
        Path p = dir.resolve("x");
        Files.writeString(p, "hello world\n");
        assertEquals(p + ":1: expected the header 'COUNT DIMENSION', found 'hello world'",
                assertThrows(ShenduException.class, () -> Word2VecFormat.read(p, false, 0, UnicodeErrors.STRICT))
                        .getMessage());

        Files.writeString(p, "2 3\na 1 2 3\nb 1 2\n");
        assertEquals(p + ":3: expected a word and 3 values, found 2 values (is this really the text format?)",
                assertThrows(ShenduException.class, () -> Word2VecFormat.read(p, false, 0, UnicodeErrors.STRICT))
                        .getMessage());

        Files.writeString(p, "2 3\na 1 2 x\n");
        assertEquals(p + ":2: value 3 is not a number: 'x'",
                assertThrows(ShenduException.class, () -> Word2VecFormat.read(p, false, 0, UnicodeErrors.STRICT))
                        .getMessage());

        Files.writeString(p, "3 3\na 1 2 3\n");
        assertEquals(p + ": unexpected end of file: the header promises 3 words, found 1",
                assertThrows(ShenduException.class, () -> Word2VecFormat.read(p, false, 0, UnicodeErrors.STRICT))
                        .getMessage());

        byte[] good = Files.readAllBytes(resource("gensim-vectors.bin"));
        Files.write(p, Arrays.copyOf(good, good.length - 7));
        String m = assertThrows(ShenduException.class, () -> Word2VecFormat.read(p, true, 0, UnicodeErrors.STRICT))
                .getMessage();
        assertTrue(m.startsWith(p + ": unexpected end of file in the vector of record 8 of 8"), m);
        assertEquals(dir.resolve("none") + ": no such vectors file", assertThrows(ShenduException.class,
                () -> Word2VecFormat.read(dir.resolve("none"), true, 0, UnicodeErrors.STRICT)).getMessage());
    }
}
