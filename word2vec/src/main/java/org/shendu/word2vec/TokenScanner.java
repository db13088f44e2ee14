package org.shendu.word2vec;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads whitespace-separated tokens and line ends from a byte range of a text file, the way the C
 * tool reads its training file: bytes, not characters, so a token is looked up straight from the
 * buffer. A range owns the lines that start inside it, so ranges cut at arbitrary byte offsets
 * still give every line to exactly one reader.
 */
final class TokenScanner implements Closeable {
    static final int TOKEN = 1;
    static final int LINE_END = 0;
    static final int END = -1;

    private final FileChannel channel;
    private final long end;
    private final byte[] buf;
    private long bufStart;
    private long readPos;
    private int pos;
    private int len;
    private boolean finished;
    private boolean lineOpen;
    private boolean eof;

    /** The token found by the last {@link #next()} that returned {@link #TOKEN}. */
    int tokenOffset;
    int tokenLength;

    TokenScanner(Path file, long from, long to, int bufferSize) {
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.end = Math.min(to, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        this.buf = new byte[bufferSize];
        if (from > 0) {
            // Start one byte early and skip to the first line start at or after 'from'.
            readPos = from - 1;
            bufStart = readPos;
            while (true) {
                if (pos == len && !refill()) {
                    finished = true;
                    break;
                }
                if (buf[pos++] == '\n') {
                    break;
                }
            }
            if (bufStart + pos >= end) {
                finished = true;
            }
        } else if (end == 0) {
            finished = true;
        }
    }

    byte[] buffer() {
        return buf;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }

    /** Advances to the next token ({@link #TOKEN}), line end ({@link #LINE_END}) or {@link #END}. */
    int next() {
        if (finished) {
            return END;
        }
        while (true) {
            if (pos == len && !refill()) {
                finished = true;
                if (lineOpen) {
                    lineOpen = false;
                    return LINE_END;
                }
                return END;
            }
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                lineOpen = false;
                if (bufStart + pos >= end) {
                    finished = true;
                }
                return LINE_END;
            }
            if (!isSpace(b)) {
                break;
            }
            pos++;
        }
        int s = pos;
        while (true) {
            if (pos == len) {
                if (s > 0) {
                    System.arraycopy(buf, s, buf, 0, len - s);
                    bufStart += s;
                    len -= s;
                    pos = len;
                    s = 0;
                }
                if (len == buf.length || !fill()) {
                    break;
                }
                continue;
            }
            byte b = buf[pos];
            if (b == '\n' || isSpace(b)) {
                break;
            }
            pos++;
        }
        tokenOffset = s;
        tokenLength = pos - s;
        lineOpen = true;
        return TOKEN;
    }

    /** Drops the consumed buffer and reads the next bytes into it. */
    private boolean refill() {
        bufStart += len;
        pos = 0;
        len = 0;
        return fill();
    }

    /** Reads more bytes after {@code len}. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            ByteBuffer target = ByteBuffer.wrap(buf, len, buf.length - len);
            int n = channel.read(target, readPos);
            if (n <= 0) {
                eof = true;
                return false;
            }
            readPos += n;
            len += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
