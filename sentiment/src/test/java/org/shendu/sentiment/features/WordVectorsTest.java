package org.shendu.sentiment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

public class WordVectorsTest {

    public static Path writeBinary(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("2 3\n".getBytes(StandardCharsets.US_ASCII));
        String[] words = {"good", "bad"};
        float[][] v = {{1, 2, 3}, {-1, 0, 0.5f}};
        for (int w = 0; w < 2; w++) {
            out.write((words[w] + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v[w]) {
                b.putFloat(f);
            }
            out.write(b.array());
            out.write('\n');
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void readsTextAndBinaryFormats(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("v.txt");
        Files.writeString(text, "2 3\ngood 1 2 3\nbad -1 0 0.5\n");
        for (Path file : List.of(text, writeBinary(dir.resolve("v.bin")))) {
            WordVectors v = WordVectors.read(file);
            assertEquals(3, v.dimension());
            assertEquals(2, v.size());
            assertEquals(1, v.indexOf("bad"));
            assertEquals(0.5f, v.values()[5]);
        }
    }

    @Test
    void averagesAndStandardises(@TempDir Path dir) throws Exception {
        WordVectors v = WordVectors.read(writeBinary(dir.resolve("v.bin")));
        AveragedWordVectors avg = new AveragedWordVectors(v, 2);
        CsrMatrix x = avg.fitTransform(List.of(List.of("good", "zzz"), List.of("good", "bad"), List.of("zzz")));
        // Means: (1,2,3), (0,1,1.75), (0,0,0); column means (1/3, 1, 1.583..).
        double sd0 = Math.sqrt(((2 / 3.0) * (2 / 3.0) + 2 * (1 / 3.0) * (1 / 3.0)) / 3);
        assertEquals((1 - 1 / 3.0) / sd0, x.get(0, 0), 1e-6);
        assertEquals((0 - 1 / 3.0) / sd0, x.get(2, 0), 1e-6);
    }

    @Test
    void badFilesGiveOneLine(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("bad.txt");
        Files.writeString(text, "2 3\ngood 1 2 3\nbad -1 x 0.5\n");
        ShenduException e = assertThrows(ShenduException.class, () -> WordVectors.read(text));
        assertEquals(text + ":3: bad number `x`", e.getMessage());
        Path header = dir.resolve("h.txt");
        Files.writeString(header, "hello\n");
        assertEquals(header + ":1: expected the word2vec header `<count> <dimension>`",
                assertThrows(ShenduException.class, () -> WordVectors.read(header)).getMessage());
        Path cut = dir.resolve("cut.bin");
        byte[] full = Files.readAllBytes(writeBinary(dir.resolve("full.bin")));
        Files.write(cut, java.util.Arrays.copyOf(full, full.length - 8));
        assertThrows(ShenduException.class, () -> WordVectors.read(cut));
    }
}
