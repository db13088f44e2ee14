package org.shendu.word2vec;

import java.io.IOException;
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
            int event;
            while ((event = scanner.next()) != TokenScanner.END) {
                if (event == TokenScanner.TOKEN) {
                    table.add(buf, scanner.tokenOffset, scanner.tokenLength, 1);
                }
            }
        }
        return table;
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
