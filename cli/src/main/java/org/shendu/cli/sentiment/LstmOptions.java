package org.shendu.cli.sentiment;

import org.shendu.rnn.classify.EmbeddingMode;
import org.shendu.rnn.classify.LanguageModelPretraining;
import org.shendu.rnn.classify.Pooling;
import org.shendu.rnn.classify.Truncation;
import org.shendu.sentiment.rnn.LstmPreset;
import org.shendu.cli.AtLeast;
import org.shendu.cli.OneOf;
import org.shendu.cli.Positive;
import org.shendu.cli.Validation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --model lstm} options of {@code shendu sentiment train}: a preset and what to change in it. */
public final class LstmOptions {
    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "lstm: default (BiLSTM, mean+max pooling, 400 tokens) or course (the course notebook) (default: ${DEFAULT-VALUE}).")
    @OneOf({"default", "course"})
    String preset;

    @Option(names = "--epochs", paramLabel = "N", description = "lstm: at most N epochs (early stopping may end sooner).")
    @AtLeast(1)
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "lstm: reviews per batch.")
    @AtLeast(1)
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "lstm: Adam's learning rate.")
    @Positive
    Float lr;

    @Option(names = "--weight-decay", paramLabel = "W", description = "lstm: AdamW's decoupled weight decay.")
    @AtLeast(0)
    Float weightDecay;

    @Option(names = "--hidden", paramLabel = "N", description = "lstm: LSTM width (per direction).")
    @AtLeast(1)
    Integer hidden;

    @Option(names = "--cell", paramLabel = "lstm|gru", description = "lstm: the recurrent cell (default: lstm).")
    @OneOf({"lstm", "gru"})
    String cell;

    @Option(names = "--layers", paramLabel = "N", description = "lstm: stacked LSTM layers.")
    @AtLeast(1)
    Integer layers;

    @Option(names = "--bidirectional", paramLabel = "true|false", arity = "1", description = "lstm: read both ways.")
    Boolean bidirectional;

    @Option(names = "--pooling", paramLabel = "KIND", description = "lstm: last, mean, max, mean-max or last-mean-max.")
    @OneOf({"last", "mean", "max", "mean-max", "last-mean-max"})
    String pooling;

    @Option(names = "--mask", paramLabel = "true|false", arity = "1",
            description = "lstm: false runs the LSTM over the padding and reads the last padded step (the course).")
    Boolean mask;

    @Option(names = "--max-tokens", paramLabel = "N", description = "lstm: tokens kept per review.")
    @AtLeast(1)
    Integer maxTokens;

    @Option(names = "--truncation", paramLabel = "head|head-tail", description = "lstm: which tokens a long review keeps.")
    @OneOf({"head", "head-tail"})
    String truncation;

    @Option(names = "--embeddings", paramLabel = "MODE",
            description = "lstm: frozen, fine-tuned or frozen-first-epoch word vectors, or random (no word2vec: "
                    + "the training texts' words, N(0, 1) rows that train).")
    @OneOf({"frozen", "fine-tuned", "frozen-first-epoch", "random"})
    String embeddings;

    @Option(names = "--max-vocab", paramLabel = "N", description = "lstm: keep at most the N most frequent words (default: all seen 5 times).")
    @AtLeast(1)
    Integer maxVocab;

    @Option(names = "--embedding-dim", paramLabel = "N", description = "lstm: word-vector dimension (word2vec trains this size).")
    @AtLeast(1)
    Integer embeddingDim;

    @Option(names = "--resume",
            description = "lstm: continue the interrupted run whose training state is in OUT/sentiment-lstm.training.")
    boolean resume;

    @Option(names = "--pretrain-lm", paramLabel = "N",
            description = "lstm: first train the embedding and LSTM as a language model for N epochs on the unlabeled "
                    + "and training reviews (Dai and Le 2015; default: 0, none).")
    @AtLeast(0)
    int pretrainLm;

    @Option(names = "--patience", paramLabel = "N", description = "lstm: epochs without a better validation accuracy before stopping.")
    @AtLeast(0)
    Integer patience;

    /** The language-model pretraining asked for, or null. */
    LanguageModelPretraining.Options pretraining(long seed) {
        return pretrainLm == 0 ? null : LanguageModelPretraining.Options.of(pretrainLm, seed);
    }

    /** The preset with the options given applied. */
    LstmPreset resolve(long seed) {
        LstmPreset p = LstmPreset.named(preset, seed);
        p = p.with(hidden, layers, bidirectional, pooling == null ? null : Pooling.parse(pooling), mask, maxTokens,
                truncation == null ? null : Truncation.parse(truncation), embeddingDim);
        if (cell != null) {
            p = p.withCell(org.shendu.core.nn.Recurrent.Cell.parse(cell));
        }
        if (maxVocab != null) {
            p = p.withMaxVocabulary(maxVocab);
        }
        var t = p.training();
        if (epochs != null) {
            t = t.withEpochs(epochs);
        }
        if (batchSize != null) {
            t = t.withBatchSize(batchSize);
        }
        if (lr != null) {
            t = t.withLearningRate(lr);
        }
        if (embeddings != null) {
            t = t.withEmbeddings(EmbeddingMode.parse(embeddings));
        }
        if (patience != null) {
            t = t.withPatience(patience);
        }
        if (weightDecay != null) {
            t = t.withWeightDecay(weightDecay);
        }
        return p.withTraining(t);
    }

    /** Options that act only on an LSTM: given with another recipe (or a saved baseline model) they are a usage error. */
    static final String[] ONLY_FOR_LSTM = {"--preset", "--epochs", "--batch-size", "--lr", "--weight-decay", "--hidden",
        "--cell", "--layers", "--bidirectional", "--pooling", "--mask", "--max-tokens", "--truncation", "--embeddings",
        "--max-vocab", "--embedding-dim", "--resume", "--patience", "--pretrain-lm", "--device", "--precision"};

    /** Refuses, in one line (exit 2), any LSTM-only option on a command line that trains or loads no LSTM. */
    static void refuseUnlessLstm(CommandSpec spec, boolean lstm, String what) {
        refuse(spec, lstm, false, what);
    }

    /**
     * Refuses the options that shape or train an LSTM (a saved model has its own); {@code --device}
     * and {@code --precision} stay allowed when {@code lstmModel} (they say where it runs).
     */
    static void refuseTrainingOptions(CommandSpec spec, boolean lstmModel, String what) {
        refuse(spec, false, lstmModel, what);
    }

    private static void refuse(CommandSpec spec, boolean lstm, boolean deviceOk, String what) {
        if (lstm) {
            return;
        }
        for (String name : ONLY_FOR_LSTM) {
            boolean device = name.equals("--device") || name.equals("--precision");
            if (!(device && deviceOk) && spec.commandLine().getParseResult().hasMatchedOption(name)) {
                throw Validation.usage(spec, name + " applies to the lstm recipe only, not " + what);
            }
        }
    }
}
