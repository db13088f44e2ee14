package org.shendu.word2vec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.shendu.core.io.AtomicFiles;

/**
 * Writes texts as a plain word2vec corpus file, one text per line, tokens separated by single
 * spaces, so that any tokenizer's output (the data module's English or Chinese tokenizers) can be
 * streamed from disk by {@link Corpus#textFile} and read by the C tool, gensim and fastText alike.
 */
public final class CorpusFile {
    private CorpusFile() {}

    /** What was written. */
    public record Written(long lines, long tokens) {}

    /**
     * Tokenizes {@code texts} (in parallel, written in order) into {@code file}, through a
     * temporary file and a rename. Tokens containing whitespace are split there.
     */
    public static Written write(Stream<String> texts, Function<String, List<String>> tokenizer, Path file)
            throws IOException {
        long[] counts = new long[2];
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            texts.parallel().map(t -> String.join(" ", tokenizer.apply(t))).forEachOrdered(line -> {
                try {
                    w.write(line);
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counts[0]++;
                counts[1] += line.isEmpty() ? 0 : line.chars().filter(c -> c == ' ').count() + 1;
            });
            w.flush();
        });
        return new Written(counts[0], counts[1]);
    }
}
