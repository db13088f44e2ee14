package org.shendu.cli.word2vec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.AtLeast;
import org.shendu.cli.InputFile;
import org.shendu.cli.OneOf;
import org.shendu.cli.OutputFile;
import org.shendu.core.json.Json;
import org.shendu.word2vec.Word2VecFormat;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu word2vec convert}: between a model and the word2vec text and binary formats. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert word vectors between a model file and the word2vec text and binary formats.")
final class ConvertCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "IN", description = "A model, or a word2vec text or binary file.")
    @InputFile
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced atomically).")
    @OutputFile
    Path outFile;

    @Option(names = "--to", required = true, paramLabel = "text|binary", description = "Format to write.")
    @OneOf({"text", "binary"})
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "Keep the first N (most frequent) words (default: all).")
    @AtLeast(1)
    Integer limit;

    @Option(names = "--unicode-errors", paramLabel = "strict|replace|ignore", defaultValue = "strict",
            description = "What to do with words that are not valid UTF-8 (default: ${DEFAULT-VALUE}).")
    @OneOf({"strict", "replace", "ignore"})
    String unicodeErrors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WordVectors v = WordVectors.load(in, limit == null ? 0 : limit, VectorsOptions.policy(unicodeErrors));
        Word2VecFormat.write(v, outFile, to.equals("binary"));
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Json.print(out, Json.object("in", in, "out", outFile, "format", to, "words", v.size(),
                    "dimension", v.dimension()));
        } else {
            out.printf("wrote %,d vectors of dimension %d to %s (%s)%n", v.size(), v.dimension(), outFile, to);
        }
        return 0;
    }
}
