package org.shendu.cli.word2vec;

import java.io.IOException;
import java.nio.file.Path;
import org.shendu.cli.AtLeast;
import org.shendu.cli.InputFile;
import org.shendu.cli.OneOf;
import org.shendu.word2vec.Word2VecFormat.UnicodeErrors;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Option;

/** The {@code --vectors} file of the query commands: a saved model, or a word2vec text or binary file. */
final class VectorsOptions {
    @Option(names = "--vectors", required = true, paramLabel = "FILE",
            description = "A model from `word2vec train` (model.w2v) or a word2vec text/binary vectors file"
                    + " (the format is recognised).")
    @InputFile
    Path file;

    @Option(names = "--limit", paramLabel = "N", description = "Load only the first N (most frequent) words"
            + " (default: all).")
    @AtLeast(1)
    Integer limit;

    @Option(names = "--unicode-errors", paramLabel = "strict|replace|ignore", defaultValue = "strict",
            description = "What to do with words that are not valid UTF-8 (default: ${DEFAULT-VALUE}).")
    @OneOf({"strict", "replace", "ignore"})
    String unicodeErrors;

    WordVectors load() throws IOException {
        return WordVectors.load(file, limit == null ? 0 : limit, policy(unicodeErrors));
    }

    static UnicodeErrors policy(String name) {
        return UnicodeErrors.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
