package org.shendu.cli.word2vec;

import picocli.CommandLine.Command;

/** {@code shendu word2vec}: train word vectors and query, evaluate and convert them. */
@Command(name = "word2vec", mixinStandardHelpOptions = true,
        description = "Word vectors: CBOW or skip-gram with negative sampling or hierarchical softmax.",
        subcommands = {
            TrainCommand.class,
            SimilarCommand.class,
            AnalogyCommand.class,
            DoesntMatchCommand.class,
            EvaluateCommand.class,
            ConvertCommand.class
        })
public final class Word2vecCommand {}
