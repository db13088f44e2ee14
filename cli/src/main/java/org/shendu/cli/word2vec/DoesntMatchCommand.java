package org.shendu.cli.word2vec;

import java.util.List;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.core.json.Json;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shendu word2vec doesnt-match}: the word farthest from the others' mean (gensim's doesnt_match). */
@Command(name = "doesnt-match", mixinStandardHelpOptions = true,
        description = "Which word does not belong with the others?  (e.g. breakfast cereal dinner lunch)")
final class DoesntMatchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    VectorsOptions vectors;

    @Parameters(paramLabel = "WORD", arity = "2..*")
    List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WordVectors v = vectors.load();
        for (String w : words) {
            SimilarCommand.require(v, w);
        }
        String odd = v.doesntMatch(words);
        var out = spec.commandLine().getOut();
        if (options.json()) {
            Json.print(out, Json.object("words", words, "doesnt_match", odd));
        } else {
            out.println(odd);
        }
        return 0;
    }
}
