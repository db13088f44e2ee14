package org.shendu.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small test inputs. */
final class TestFiles {
    private TestFiles() {}

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(data);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text, boolean gzip) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, gzip ? gzip(data) : data);
        return file;
    }

    /** The full datasets' folder, or null (tests that need it are then skipped). */
    static Path fullData() {
        String dir = System.getenv("SHENDU_DATA");
        if (dir == null || dir.isBlank()) {
            System.out.println("SHENDU_DATA is not set: skipping a test that needs the full datasets");
            return null;
        }
        return Path.of(dir);
    }
}
