package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static byte[] images(int magic, int count, int rows, int cols, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(16 + dataBytes);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    @Test
    void readsImagesPlainAndGzipped() throws Exception {
        byte[] raw = images(0x803, 2, 2, 3, 12);
        Files.write(dir.resolve("a"), raw);
        Files.write(dir.resolve("a.gz"), TestFiles.gzip(raw));
        for (String name : new String[] {"a", "a.gz"}) {
            IdxImages img = IdxReader.images(dir.resolve(name));
            assertEquals(2, img.count());
            assertEquals(2, img.rows());
            assertEquals(3, img.cols());
            assertEquals(7, img.pixel(1, 0, 1));
        }
    }

    @Test
    void readsLabels() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(11).putInt(0x801).putInt(3).put(new byte[] {7, 0, 9});
        Files.write(dir.resolve("l"), b.array());
        assertArrayEquals(new byte[] {7, 0, 9}, IdxReader.labels(dir.resolve("l")));
    }

    @Test
    void wrongMagic() throws Exception {
        Path f = dir.resolve("labels-as-images");
        Files.write(f, images(0x801, 1, 1, 1, 1));
        ShenduException e = assertThrows(ShenduException.class, () -> IdxReader.images(f));
        assertEquals(f + ": wrong IDX magic number 0x00000801, expected 0x00000803 (IDX images)", e.getMessage());
    }

    @Test
    void shortRead() throws Exception {
        Path f = dir.resolve("short");
        Files.write(f, images(0x803, 2, 2, 2, 5));
        ShenduException e = assertThrows(ShenduException.class, () -> IdxReader.images(f));
        assertEquals(f + ": short read at offset 21: expected 8 data bytes after the header, the file ends after 5", e.getMessage());
    }

    @Test
    void truncatedGzip() throws Exception {
        byte[] gz = TestFiles.gzip(images(0x803, 100, 28, 28, 78_400));
        Path f = dir.resolve("cut.gz");
        Files.write(f, Arrays.copyOf(gz, gz.length - 40));
        ShenduException e = assertThrows(ShenduException.class, () -> IdxReader.images(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated gzip file"), e.getMessage());
    }

    @Test
    void samplesAreReadable() {
        ImageSet mnist = Samples.mnist();
        assertEquals(1000, mnist.trainImages().count());
        assertEquals(1000, mnist.trainLabels().length);
        assertEquals(200, Samples.fashionMnist().testImages().count());
    }

    @Test
    void fullDatasetCounts() {
        Path data = TestFiles.fullData();
        assumeTrue(data != null, "SHENDU_DATA not set");
        for (String name : new String[] {"mnist", "fashion-mnist"}) {
            ImageSet set = ImageSet.read(data.resolve(name));
            assertEquals(60_000, set.trainImages().count());
            assertEquals(60_000, set.trainLabels().length);
            assertEquals(10_000, set.testImages().count());
            assertEquals(10_000, set.testLabels().length);
        }
    }
}
