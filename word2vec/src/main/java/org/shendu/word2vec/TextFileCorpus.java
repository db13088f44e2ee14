package org.shendu.word2vec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shendu.core.ShenduException;

/** A plain text corpus file, streamed: one sentence per line, tokens separated by whitespace. */
final class TextFileCorpus extends Corpus {
    private static final int BUFFER = 1 << 20;
    private final Path file;

    TextFileCorpus(Path file) {
        this.file = file;
    }

    private long size() {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ShenduException(file + ": no such corpus file");
            }
            return Files.size(file);
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot read: " + e.getMessage());
        }
    }

    @Override
    TokenTable count() {
        TokenTable table = new TokenTable();
        try (TokenScanner scanner = new TokenScanner(file, 0, size(), BUFFER)) {
            byte[] buf = scanner.buffer();
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            long line = 1;
            int event;
            while ((event = scanner.next()) != TokenScanner.END) {
                if (event == TokenScanner.TOKEN) {
                    int before = table.size();
                    table.add(buf, scanner.tokenOffset, scanner.tokenLength, 1);
                    // Each distinct word is checked once, when first seen: a Latin-1 file would otherwise
                    // merge different words into one replacement-character spelling.
                    if (table.size() != before && !valid(utf8, buf, scanner.tokenOffset, scanner.tokenLength)) {
                        throw ShenduException.at(file, line, "invalid UTF-8 in the word `"
                                + escaped(buf, scanner.tokenOffset, scanner.tokenLength)
                                + "`; convert the corpus to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
                    }
                } else {
                    line++;
                }
            }
        }
        return table;
    }

    /** The word's bytes with everything but printable ASCII as {@code \xNN}, at most 24 bytes of it. */
    private static String escaped(byte[] buf, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = off; i < off + Math.min(len, 24); i++) {
            int b = buf[i] & 0xFF;
            s.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return len > 24 ? s + "..." : s.toString();
    }

    private static boolean valid(CharsetDecoder utf8, byte[] buf, int off, int len) {
        try {
            utf8.reset().decode(ByteBuffer.wrap(buf, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    SentenceReader reader(WordVocabulary vocabulary, int part, int parts) {
        long size = size();
        long from = size * part / parts;
        long to = size * (part + 1) / parts;
        TokenScanner scanner = new TokenScanner(file, from, to, BUFFER);
        byte[] buf = scanner.buffer();
        return new SentenceReader() {
            @Override
            int next(int[] ids) {
                int n = 0;
                while (true) {
                    int event = scanner.next();
                    if (event == TokenScanner.TOKEN) {
                        tokensRead++;
                        int id = vocabulary.id(buf, scanner.tokenOffset, scanner.tokenLength);
                        if (id >= 0) {
                            ids[n++] = id;
                            if (n == ids.length) {
                                return n;
                            }
                        }
                    } else if (event == TokenScanner.LINE_END) {
                        return n;
                    } else {
                        return n > 0 ? n : -1;
                    }
                }
            }

            @Override
            public void close() {
                scanner.close();
            }
        };
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
