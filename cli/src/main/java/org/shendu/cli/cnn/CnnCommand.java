package org.shendu.cli.cnn;

import picocli.CommandLine.Command;

/** {@code shendu cnn train|evaluate|predict}: the MNIST / Fashion-MNIST CNN. */
@Command(name = "cnn", mixinStandardHelpOptions = true,
        description = "The course's CNN on MNIST and Fashion-MNIST: train, evaluate, predict.",
        subcommands = {CnnTrainCommand.class, CnnEvaluateCommand.class, CnnPredictCommand.class})
public final class CnnCommand {}
