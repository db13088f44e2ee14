package org.shendu.cli.word2vec;

import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.core.ShenduException;
import org.shendu.core.json.Json;
import org.shendu.word2vec.ScoredWord;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu word2vec similar}: gensim's most_similar (positive and negative words), or the words nearest a vector. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "The words most similar to the given words (cosine), minus the --negative ones.")
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    VectorsOptions vectors;

    @Parameters(paramLabel = "WORD", arity = "1..*", description = "Positive words.")
    List<String> positive;

    @Option(names = "--negative", paramLabel = "WORD", split = ",", description = "Negative words (comma-separated).")
    List<String> negative = List.of();

    @Option(names = "--top", defaultValue = "10", description = "How many words (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int top;

    @Option(names = "--cosmul", description = "Rank by 3CosMul instead of 3CosAdd.")
    boolean cosmul;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WordVectors v = vectors.load();
        for (String w : positive) {
            require(v, w);
        }
        for (String w : negative) {
            require(v, w);
        }
        List<ScoredWord> result = cosmul ? v.mostSimilarCosMul(positive, negative, top)
                : v.mostSimilar(positive, negative, top);
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Json.print(out, Json.object("positive", positive, "negative", negative, "similar", result));
        } else {
            Output.words(out, result);
        }
        return 0;
    }

    static void require(WordVectors v, String word) {
        if (!v.contains(word)) {
            throw new ShenduException("`" + word + "` is not in the vocabulary (" + v.size() + " words)");
        }
    }
}
