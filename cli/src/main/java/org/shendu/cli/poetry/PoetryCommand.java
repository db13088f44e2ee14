package org.shendu.cli.poetry;

import picocli.CommandLine.Command;

/** {@code shendu poetry}: the Tang-poetry character language model. */
@Command(name = "poetry", mixinStandardHelpOptions = true,
        description = "Tang poems: train a character language model, generate poems in a verse form, measure perplexity.",
        subcommands = {PoetryTrainCommand.class, PoetryGenerateCommand.class, PoetryEvaluateCommand.class,
                PoetryExportCommand.class})
public final class PoetryCommand {}
