package org.shendu.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.shendu.core.ShenduException;

/**
 * Reads a text file line by line, gzip-compressed or plain (told apart by the gzip magic
 * number), as strict UTF-8, counting lines so that every problem is reported as
 * {@code file:line: what is wrong}. A trailing {@code \r} is dropped, so CRLF files read the same.
 */
public final class TextLines implements Closeable {
    private final String name;
    private final InputStream in;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;
    private long line;

    private TextLines(String name, InputStream in) throws IOException {
        this.name = name;
        this.in = Streams.decompressed(in);
    }

    /** Opens a file; a missing or unreadable file is a {@link ShenduException}. */
    public static TextLines open(Path file) {
        try {
            return new TextLines(file.toString(), Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw ShenduException.in(file, "no such file");
        } catch (IOException e) {
            throw Streams.failure(file.toString(), 0, e);
        }
    }

    /** Reads from a stream (a resource, standard input); {@code name} appears in error messages. */
    public static TextLines open(InputStream in, String name) {
        try {
            return new TextLines(name, in);
        } catch (IOException e) {
            throw Streams.failure(name, 0, e);
        }
    }

    /** The next line without its line terminator, or {@code null} at the end. */
    public String next() {
        try {
            // Lines are split as bytes and decoded one by one, so an encoding error names its own line.
            int scan = start;
            while (true) {
                for (; scan < end; scan++) {
                    if (buffer[scan] == '\n') {
                        String s = decode(start, scan);
                        start = scan + 1;
                        line++;
                        return s;
                    }
                }
                if (eof) {
                    if (start == end) {
                        return null;
                    }
                    String s = decode(start, end);
                    start = end;
                    line++;
                    return s;
                }
                scan = fill(scan);
            }
        } catch (IOException e) {
            throw Streams.failure(name, line + 1, e);
        }
    }

    /** Reads more bytes, keeping the unfinished line; returns where scanning resumes. */
    private int fill(int scan) throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            scan -= start;
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
        return scan;
    }

    private String decode(int from, int to) throws CharacterCodingException {
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        String s = new String(buffer, from, to - from, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            // The lenient decoder replaced something: decode strictly to tell a real U+FFFD from bad bytes.
            strict.reset();
            strict.decode(ByteBuffer.wrap(buffer, from, to - from));
        }
        return s;
    }

    /** The number of the line last returned by {@link #next()} (1-based). */
    public long lineNumber() {
        return line;
    }

    /** The name used in messages (the file's path). */
    public String name() {
        return name;
    }

    /** An error at the line last returned: {@code file:line: problem}. */
    public ShenduException error(String problem) {
        return new ShenduException(name + ":" + line + ": " + problem);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw Streams.failure(name, line, e);
        }
    }

    /** Opening and error translation shared by the line and binary readers. */
    static final class Streams {
        private Streams() {}

        /** The stream itself, or a gunzipping view of it when it starts with the gzip magic number. */
        static InputStream decompressed(InputStream raw) throws IOException {
            InputStream in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
            return in;
        }

        /** Turns an I/O failure into one line that says what is wrong. */
        static ShenduException failure(String name, long line, IOException e) {
            String where = line > 0 ? name + ":" + line : name;
            if (e instanceof CharacterCodingException) {
                return new ShenduException(where + ": invalid UTF-8", e);
            }
            if (e instanceof EOFException) {
                return new ShenduException(name + ": truncated gzip file (unexpected end of compressed data)", e);
            }
            if (e instanceof ZipException) {
                return new ShenduException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
            }
            return new ShenduException(where + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
