package org.shendu.word2vec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shendu.core.ShenduException;
import org.shendu.core.io.AtomicFiles;

/**
 * The word2vec vectors formats of the C tool ({@code -binary 0|1}) and gensim's
 * {@code save_word2vec_format} / {@code load_word2vec_format}. Both start with a header line
 * {@code "V D\n"}. Text: one line per word, {@code word v1 ... vD}, values separated by single spaces
 * (a trailing space, as the C tool writes, is accepted). Binary: per word the UTF-8 word, a space,
 * D little-endian float32 and a newline; the reader also takes records without the newline.
 * Reading can stop after the first {@code limit} words (the most frequent in files written by
 * these tools) and decides what to do with invalid UTF-8 in a word ({@link UnicodeErrors}, gensim's
 * {@code unicode_errors}): the C tool cuts words at 100 bytes, possibly inside a character.
 */
public final class Word2VecFormat {
    private Word2VecFormat() {}

    /** What to do with a word that is not valid UTF-8. */
    public enum UnicodeErrors {
        /** Fail with the file and record number. */
        STRICT,
        /** Replace bad bytes with U+FFFD. */
        REPLACE,
        /** Drop bad bytes. */
        IGNORE
    }

    /** Writes the vectors, most frequent word first, to a temporary file that is then renamed. */
    public static void write(WordVectors vectors, Path file, boolean binary) throws IOException {
        int dim = vectors.dimension();
        float[] v = vectors.raw();
        AtomicFiles.write(file, out -> {
            out.write((vectors.size() + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < vectors.size(); i++) {
                String word = vectors.word(i);
                if (word.isEmpty() || word.chars().anyMatch(c -> c == ' ' || c == '\n')) {
                    throw new ShenduException("cannot write word " + i + " '" + word
                            + "' in the word2vec format: words must be non-empty and contain no space or newline");
                }
                if (binary) {
                    out.write(word.getBytes(StandardCharsets.UTF_8));
                    out.write(' ');
                    row.clear();
                    row.asFloatBuffer().put(v, i * dim, dim);
                    out.write(row.array(), 0, 4 * dim);
                    out.write('\n');
                } else {
                    line.setLength(0);
                    line.append(word);
                    for (int d = 0; d < dim; d++) {
                        line.append(' ').append(v[i * dim + d]);
                    }
                    line.append('\n');
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    /**
     * Tells the text format from the binary one by its first record: in a text file it is a line
     * of a word and D numbers.
     */
    public static boolean isText(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = readLine(in, 256);
            if (header == null) {
                return false;
            }
            String[] hv = new String(header, StandardCharsets.US_ASCII).strip().split("\\s+");
            int dim;
            try {
                dim = Integer.parseInt(hv[hv.length - 1]);
            } catch (NumberFormatException e) {
                return false;
            }
            byte[] first = readLine(in, 1 << 20);
            if (first == null) {
                return false;
            }
            String[] parts = new String(first, StandardCharsets.UTF_8).strip().split(" ");
            if (parts.length != dim + 1) {
                return false;
            }
            try {
                for (int i = 1; i < parts.length; i++) {
                    Float.parseFloat(parts[i]);
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        } catch (NoSuchFileException e) {
            throw new ShenduException(file + ": no such vectors file");
        }
    }

    /**
     * Reads a text or binary vectors file. {@code limit > 0} keeps only the first {@code limit}
     * words. Problems (a bad header, a short record, a value that is not a number, a wrong number
     * of values, invalid UTF-8 under {@link UnicodeErrors#STRICT}) fail with one line naming the
     * file and the line or record.
     */
    public static WordVectors read(Path file, boolean binary, int limit, UnicodeErrors unicodeErrors)
            throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ShenduException(file + ": no such vectors file");
        }
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            byte[] headerBytes = readLine(in, 256);
            String header = headerBytes == null ? "" : new String(headerBytes, StandardCharsets.US_ASCII).strip();
            String[] hv = header.split("\\s+");
            int count;
            int dim;
            try {
                if (hv.length != 2) {
                    throw new NumberFormatException();
                }
                count = Integer.parseInt(hv[0]);
                dim = Integer.parseInt(hv[1]);
            } catch (NumberFormatException e) {
                throw ShenduException.at(file, 1, "expected the header 'COUNT DIMENSION', found '"
                        + abbreviate(header) + "'");
            }
            if (count < 0 || dim < 1) {
                throw ShenduException.at(file, 1, "bad header: " + count + " words of dimension " + dim);
            }
            int n = limit > 0 ? Math.min(limit, count) : count;
            if ((long) n * dim > Integer.MAX_VALUE - 16) {
                throw ShenduException.in(file, n + " x " + dim + " values do not fit in memory; use a limit");
            }
            CharsetDecoder decoder = decoder(unicodeErrors);
            List<String> words = new ArrayList<>(n);
            float[] vectors = new float[n * dim];
            if (binary) {
                readBinary(in, file, n, dim, decoder, words, vectors);
            } else {
                readText(in, file, n, dim, decoder, words, vectors);
            }
            return new WordVectors(words, vectors, dim, null);
        }
    }

    private static void readBinary(InputStream in, Path file, int n, int dim, CharsetDecoder decoder,
                                   List<String> words, float[] vectors) throws IOException {
        byte[] wordBuf = new byte[256];
        byte[] row = new byte[4 * dim];
        for (int i = 0; i < n; i++) {
            int len = 0;
            int b = in.read();
            while (b == '\n') {
                b = in.read();
            }
            while (b != ' ') {
                if (b < 0) {
                    throw ShenduException.in(file, "unexpected end of file in record " + (i + 1) + " of " + n
                            + " (is the header's count right, and is this the binary format?)");
                }
                if (len == wordBuf.length) {
                    if (len >= 1 << 16) {
                        throw ShenduException.in(file, "record " + (i + 1) + ": word longer than 65536 bytes"
                                + " (is this really the binary format?)");
                    }
                    wordBuf = Arrays.copyOf(wordBuf, len * 2);
                }
                wordBuf[len++] = (byte) b;
                b = in.read();
            }
            words.add(decode(decoder, wordBuf, len, file, "record " + (i + 1)));
            if (in.readNBytes(row, 0, row.length) != row.length) {
                throw ShenduException.in(file, "unexpected end of file in the vector of record " + (i + 1)
                        + " of " + n + " (is the header's dimension right?)");
            }
            ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vectors, i * dim, dim);
        }
    }

    private static void readText(InputStream in, Path file, int n, int dim, CharsetDecoder decoder,
                                 List<String> words, float[] vectors) throws IOException {
        for (int i = 0; i < n; i++) {
            long lineNo = i + 2L;
            byte[] bytes = readLine(in, Integer.MAX_VALUE);
            if (bytes == null) {
                throw ShenduException.in(file, "unexpected end of file: the header promises " + n
                        + " words, found " + i);
            }
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\r' || bytes[end - 1] == '\t')) {
                end--;
            }
            String line = decode(decoder, bytes, end, file, "line " + lineNo);
            String[] parts = line.split(" ");
            if (parts.length != dim + 1) {
                throw ShenduException.at(file, lineNo, "expected a word and " + dim + " values, found "
                        + (parts.length - 1) + " values (is this really the text format?)");
            }
            words.add(parts[0]);
            for (int d = 0; d < dim; d++) {
                try {
                    vectors[i * dim + d] = Float.parseFloat(parts[d + 1]);
                } catch (NumberFormatException e) {
                    throw ShenduException.at(file, lineNo, "value " + (d + 1) + " is not a number: '"
                            + abbreviate(parts[d + 1]) + "'");
                }
            }
        }
    }

    private static CharsetDecoder decoder(UnicodeErrors policy) {
        CodingErrorAction action = switch (policy) {
            case STRICT -> CodingErrorAction.REPORT;
            case REPLACE -> CodingErrorAction.REPLACE;
            case IGNORE -> CodingErrorAction.IGNORE;
        };
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int len, Path file, String where) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, len));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw ShenduException.in(file, where + ": invalid UTF-8 in the word"
                    + " (load with unicode errors 'replace' or 'ignore')");
        }
    }

    /** One line without its newline, or null at the end of the input. */
    private static byte[] readLine(InputStream in, int max) throws IOException {
        byte[] buf = new byte[128];
        int len = 0;
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return len == 0 ? null : Arrays.copyOf(buf, len);
            }
            if (len == buf.length) {
                if (len >= max) {
                    return Arrays.copyOf(buf, len);
                }
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
        }
        return Arrays.copyOf(buf, len);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
