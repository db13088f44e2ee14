package org.shendu.sentiment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.word2vec.WordVectors;

/** Averaging word2vec vectors read with the word2vec module's reader (whose format tests live there). */
public class AveragedWordVectorsTest {

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
    void averagesAndStandardises(@TempDir Path dir) throws Exception {
        WordVectors v = AveragedWordVectors.read(writeBinary(dir.resolve("v.bin")));
        AveragedWordVectors avg = new AveragedWordVectors(v, 2);
        CsrMatrix x = avg.fitTransform(List.of(List.of("good", "zzz"), List.of("good", "bad"), List.of("zzz")));
        // Means: (1,2,3), (0,1,1.75), (0,0,0); column means (1/3, 1, 1.583..).
        double sd0 = Math.sqrt(((2 / 3.0) * (2 / 3.0) + 2 * (1 / 3.0) * (1 / 3.0)) / 3);
        assertEquals((1 - 1 / 3.0) / sd0, x.get(0, 0), 1e-6);
        assertEquals((0 - 1 / 3.0) / sd0, x.get(2, 0), 1e-6);
    }
}
