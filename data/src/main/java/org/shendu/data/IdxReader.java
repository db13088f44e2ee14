package org.shendu.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.shendu.core.ShenduException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al.), gzipped or not: a big-endian
 * magic number (2051 for unsigned-byte images of rank 3, 2049 for labels of rank 1), the
 * dimensions, then the bytes.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    public static IdxImages images(Path file) {
        try (InputStream in = open(file)) {
            return images(in, file.toString());
        } catch (IOException e) {
            throw TextLines.Streams.failure(file.toString(), 0, e);
        }
    }

    public static IdxImages images(InputStream raw, String name) {
        try {
            DataInputStream in = new DataInputStream(TextLines.Streams.decompressed(raw));
            int magic = header(in, name, IMAGES_MAGIC, "images");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
                throw new ShenduException(name + ": bad IDX dimensions " + count + "×" + rows + "×" + cols);
            }
            byte[] pixels = new byte[count * rows * cols];
            readFully(in, pixels, name, 16);
            return new IdxImages(count, rows, cols, pixels);
        } catch (IOException e) {
            throw TextLines.Streams.failure(name, 0, e);
        }
    }

    public static byte[] labels(Path file) {
        try (InputStream in = open(file)) {
            return labels(in, file.toString());
        } catch (IOException e) {
            throw TextLines.Streams.failure(file.toString(), 0, e);
        }
    }

    public static byte[] labels(InputStream raw, String name) {
        try {
            DataInputStream in = new DataInputStream(TextLines.Streams.decompressed(raw));
            header(in, name, LABELS_MAGIC, "labels");
            int count = in.readInt();
            if (count < 0) {
                throw new ShenduException(name + ": bad IDX label count " + count);
            }
            byte[] labels = new byte[count];
            readFully(in, labels, name, 8);
            return labels;
        } catch (IOException e) {
            throw TextLines.Streams.failure(name, 0, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw ShenduException.in(file, "no such file");
        }
    }

    private static int header(DataInputStream in, String name, int expected, String what) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new ShenduException(name + ": file too short for an IDX header");
        }
        if (magic != expected) {
            throw new ShenduException(String.format("%s: wrong IDX magic number 0x%08x, expected 0x%08x (IDX %s)",
                    name, magic, expected, what));
        }
        return magic;
    }

    private static void readFully(DataInputStream in, byte[] into, String name, int headerBytes) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                throw new ShenduException(name + ": short read at offset " + (headerBytes + done) + ": expected "
                        + into.length + " data bytes after the header, the file ends after " + done);
            }
            done += n;
        }
    }
}
