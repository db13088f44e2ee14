package org.shendu.cli.sentiment;

import java.nio.file.Path;
import org.shendu.cli.Validation;
import org.shendu.sentiment.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shendu sentiment}: bag-of-words, TF-IDF and averaged-word-vector sentiment classifiers. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Sentiment baselines: bag of words, TF-IDF, NBSVM, naive Bayes, random forest, averaged word vectors.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class})
public final class SentimentCommand {

    /** The recipe named on the command line; {@code --vectors} goes with w2v-avg and only with it (exit 2 otherwise). */
    static Recipe recipe(CommandSpec spec, String name, Path vectors, boolean chinese) {
        if (name.equals("w2v-avg") && vectors == null) {
            throw Validation.usage(spec, "--recipe w2v-avg needs --vectors FILE (word2vec-format vectors)");
        }
        if (!name.equals("w2v-avg") && vectors != null) {
            throw Validation.usage(spec, "--vectors is used by --recipe w2v-avg only, not " + name);
        }
        Recipe.Builder b = Recipe.builder(name).wordVectors(vectors);
        return (chinese ? b.chinese() : b).build();
    }
}
