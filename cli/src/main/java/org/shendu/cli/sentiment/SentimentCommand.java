package org.shendu.cli.sentiment;

import picocli.CommandLine.Command;

/** {@code shendu sentiment}: bag-of-words, TF-IDF and averaged-word-vector sentiment classifiers. */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Sentiment baselines: bag of words, TF-IDF, NBSVM, naive Bayes, random forest, averaged word vectors.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class})
public final class SentimentCommand {}
