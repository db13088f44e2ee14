package org.shendu.cli.word2vec;

import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.core.json.Json;
import org.shendu.word2vec.ScoredWord;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu word2vec analogy A B C}: "A is to B as C is to ?", by 3CosAdd (b - a + c) or 3CosMul. */
@Command(name = "analogy", mixinStandardHelpOptions = true,
        description = "A is to B as C is to ?  (e.g. man king woman -> queen)")
final class AnalogyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    VectorsOptions vectors;

    @Parameters(index = "0", paramLabel = "A")
    String a;

    @Parameters(index = "1", paramLabel = "B")
    String b;

    @Parameters(index = "2", paramLabel = "C")
    String c;

    @Option(names = "--top", defaultValue = "5", description = "How many answers (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int top;

    @Option(names = "--cosmul", description = "3CosMul (Levy and Goldberg 2014) instead of 3CosAdd.")
    boolean cosmul;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WordVectors v = vectors.load();
        for (String w : List.of(a, b, c)) {
            SimilarCommand.require(v, w);
        }
        List<ScoredWord> result = cosmul ? v.mostSimilarCosMul(List.of(b, c), List.of(a), top)
                : v.mostSimilar(List.of(b, c), List.of(a), top);
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Json.print(out, Json.object("a", a, "b", b, "c", c, "method", cosmul ? "3cosmul" : "3cosadd",
                    "answers", result));
        } else {
            out.printf("%s : %s = %s : ?%n", a, b, c);
            Output.words(out, result);
        }
        return 0;
    }
}
