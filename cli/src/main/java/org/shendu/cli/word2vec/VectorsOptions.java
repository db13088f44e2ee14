package org.shendu.cli.word2vec;

import java.io.IOException;
import java.nio.file.Path;
import org.shendu.word2vec.Word2VecFormat.UnicodeErrors;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Option;

/** The {@code --vectors} file of the query commands: a saved model, or a word2vec text or binary file. */
final class VectorsOptions {
    @Option(names = {"--vectors", "-m"}, required = true, paramLabel = "FILE",
            description = "A model from `word2vec train` (model.w2v) or a word2vec text/binary vectors file"
                    + " (the format is recognised).")
    Path file;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Load only the N most frequent words (default: all).")
    int limit;

    @Option(names = "--unicode-errors", paramLabel = "strict|replace|ignore", defaultValue = "strict",
            description = "What to do with words that are not valid UTF-8 (default: ${DEFAULT-VALUE}).")
    String unicodeErrors;

    WordVectors load() throws IOException {
        return WordVectors.load(file, limit, policy(unicodeErrors));
    }

    static UnicodeErrors policy(String name) {
        try {
            return UnicodeErrors.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.shendu.core.ShenduException("--unicode-errors must be strict, replace or ignore, not `"
                    + name + "`");
        }
    }
}
