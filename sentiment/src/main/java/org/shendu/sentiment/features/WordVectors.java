package org.shendu.sentiment.features;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.shendu.core.ShenduException;

/**
 * Word vectors read from the formats of the original word2vec tool, which gensim, fastText and
 * our word2vec module also write: a header line {@code <count> <dimension>}, then per word either
 * a text line {@code word v1 ... vd} or (binary) the word, a space and {@code d} little-endian
 * float32 values, optionally followed by a newline. Binary is recognised by the {@code .bin}
 * suffix; {@code .gz} files are decompressed.
 */
public final class WordVectors {
    private final String[] words;
    private final float[] vectors;
    private final int dimension;
    private final Map<String, Integer> index;

    public WordVectors(String[] words, float[] vectors, int dimension) {
        if (vectors.length != (long) words.length * dimension) {
            throw new IllegalArgumentException(words.length + " words of dimension " + dimension + " need "
                    + (long) words.length * dimension + " values, got " + vectors.length);
        }
        this.words = words;
        this.vectors = vectors;
        this.dimension = dimension;
        this.index = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            index.putIfAbsent(words[i], i);
        }
    }

    public int dimension() {
        return dimension;
    }

    /** The words, in file order. */
    public String[] words() {
        return words.clone();
    }

    /** All vectors, row after row ({@code size() × dimension()} values). */
    public float[] values() {
        return vectors.clone();
    }

    public int size() {
        return words.length;
    }

    /** The row of {@code word}, or -1 when it has no vector. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** Adds row {@code row}'s vector to {@code sum}. */
    void addTo(int row, double[] sum) {
        int offset = row * dimension;
        for (int d = 0; d < dimension; d++) {
            sum[d] += vectors[offset + d];
        }
    }

    /** Reads a word2vec text or binary file (binary when the name ends in {@code .bin} or {@code .bin.gz}). */
    public static WordVectors read(Path file) {
        String name = file.getFileName().toString();
        boolean gzip = name.endsWith(".gz");
        boolean binary = name.endsWith(".bin") || name.endsWith(".bin.gz");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            return binary ? readBinary(in, file) : readText(in, file);
        } catch (NoSuchFileException e) {
            throw ShenduException.in(file, "no such file");
        } catch (EOFException e) {
            throw ShenduException.in(file, "file ends early (truncated?)");
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot read: " + e.getMessage());
        }
    }

    private static int[] header(String line, Path file) {
        String[] parts = line == null ? new String[0] : line.strip().split(" ");
        try {
            if (parts.length == 2) {
                int count = Integer.parseInt(parts[0]);
                int dim = Integer.parseInt(parts[1]);
                if (count >= 0 && dim > 0) {
                    return new int[] {count, dim};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ShenduException.at(file, 1, "expected the word2vec header `<count> <dimension>`");
    }

    private static WordVectors readText(InputStream in, Path file) throws IOException {
        int[] h = header(readLine(in), file);
        int count = h[0];
        int dim = h[1];
        String[] words = new String[count];
        float[] vectors = new float[Math.multiplyExact(count, dim)];
        for (int w = 0; w < count; w++) {
            long lineNo = w + 2L;
            String line = readLine(in);
            if (line == null) {
                throw ShenduException.at(file, lineNo, "the header promised " + count + " words, found " + w);
            }
            String[] parts = line.stripTrailing().split(" ");
            if (parts.length != dim + 1) {
                throw ShenduException.at(file, lineNo, "expected a word and " + dim + " numbers, found "
                        + (parts.length - 1) + " numbers");
            }
            words[w] = parts[0];
            for (int d = 0; d < dim; d++) {
                try {
                    vectors[w * dim + d] = Float.parseFloat(parts[d + 1]);
                } catch (NumberFormatException e) {
                    throw ShenduException.at(file, lineNo, "bad number `" + parts[d + 1] + "`");
                }
            }
        }
        return new WordVectors(words, vectors, dim);
    }

    private static WordVectors readBinary(InputStream in, Path file) throws IOException {
        int[] h = header(readLine(in), file);
        int count = h[0];
        int dim = h[1];
        String[] words = new String[count];
        float[] vectors = new float[Math.multiplyExact(count, dim)];
        byte[] buffer = new byte[dim * 4];
        ByteBuffer floats = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        for (int w = 0; w < count; w++) {
            word.reset();
            for (int b = in.read(); b != ' '; b = in.read()) {
                if (b < 0) {
                    throw ShenduException.in(file, "the header promised " + count + " words, found " + w);
                }
                if (b != '\n' || word.size() > 0) {
                    word.write(b);
                }
            }
            words[w] = word.toString(StandardCharsets.UTF_8);
            if (in.readNBytes(buffer, 0, buffer.length) != buffer.length) {
                throw ShenduException.in(file, "word " + (w + 1) + " (`" + words[w] + "`): vector cut short");
            }
            floats.rewind();
            floats.asFloatBuffer().get(vectors, w * dim, dim);
        }
        return new WordVectors(words, vectors, dim);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
