package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.TerminalProgress;
import org.shendu.core.Device;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.Review;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.rnn.classify.ClassifierTrainer;
import org.shendu.core.Progress;
import org.shendu.sentiment.CrossValidatedEvaluation;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.core.metrics.RocCurve;
import org.shendu.core.picture.RocPlot;
import org.shendu.sentiment.eval.TrainingCurvesPicture;
import org.shendu.sentiment.features.AveragedWordVectors;
import org.shendu.sentiment.rnn.LstmPreset;
import org.shendu.sentiment.rnn.LstmSentimentModel;
import org.shendu.sentiment.rnn.LstmSentimentTrainer;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine;

/**
 * {@code shendu sentiment train --model lstm}: word2vec on the training and unlabeled reviews (or
 * {@code --vectors}), then the LSTM; saves the model folder, the vectors, the per-epoch curves, and
 * scores the test set with the baselines' metrics and ROC picture.
 */
final class LstmTrain {
    private LstmTrain() {}

    static Map<String, Object> run(CommandLine cmd, CommonOptions options, Device device, int threads, long seed,
                                   DataDirectory data, Path dir, LstmOptions lstm, LabeledCorpus train,
                                   LabeledCorpus testSet, String trainName, Path vectorsFile, Path save) {
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        LstmPreset preset;
        try {
            preset = lstm.resolve(seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        refuseVectorsWithRandomEmbeddings(cmd, preset, vectorsFile);
        refusePretrainingWithoutMasking(cmd, preset, lstm);
        long t0 = System.nanoTime();
        WordVectors vectors = vectorsFile == null ? null : AveragedWordVectors.read(vectorsFile);
        List<String> unlabeled = new ArrayList<>();
        boolean resuming = lstm.resume && org.shendu.rnn.classify.ClassifierTrainer.canResume(
                dir.resolve("sentiment-lstm.training"));
        boolean random = preset.training().embeddings() == org.shendu.rnn.classify.EmbeddingMode.RANDOM;
        // Unlabeled reviews feed word2vec and the language-model pretraining, nothing else.
        boolean needUnlabeled = vectors == null && !random || lstm.pretrainLm > 0;
        if (needUnlabeled && trainName.equals("imdb") && !resuming) {
            for (Review r : ImdbReader.readAll(ImdbReader.locate(data, "unsup"))) {
                unlabeled.add(r.text());
            }
        }
        TokenizerSpec tokenizer = train.chinese() ? TokenizerSpec.of("chinese")
                : new TokenizerSpec("english", Map.of("html", "br"));
        boolean quiet = options.json();
        // Stage and epoch lines go to stderr even with --json (stdout then holds only the JSON report).
        LstmSentimentTrainer trainer = new LstmSentimentTrainer(device, threads, TerminalProgress.factory(options))
                .log(line -> {
                    err.println(line);
                    err.flush();
                })
                .listener(f -> {
                    err.printf(Locale.ROOT, "epoch %d: loss %.4f; train loss %.4f acc %.4f; val loss %.4f acc %.4f; %.0f s (%.0f reviews/s)%n",
                            f.epoch(), f.loopLoss(), f.trainLoss(), f.trainAccuracy(), f.valLoss(), f.valAccuracy(),
                            f.seconds(), f.examplesPerSecond());
                    err.flush();
                });
        Path trainingDir = dir.resolve("sentiment-lstm.training");
        if (lstm.resume && !org.shendu.rnn.classify.ClassifierTrainer.canResume(trainingDir)) {
            throw new org.shendu.core.ShenduException(trainingDir + ": no interrupted run to resume; train without --resume");
        }
        trainer.checkpoints(trainingDir, lstm.resume);
        if (lstm.pretrainLm > 0) {
            trainer.pretraining(lstm.pretraining(seed));
        }
        LstmSentimentTrainer.Result result = trainer.train(preset, tokenizer, train.texts(), train.labels(), unlabeled, vectors);
        Path modelDir = save != null ? save : dir.resolve("sentiment-lstm.model");
        Map<String, Object> extra = new LinkedHashMap<>(preset.toMap());
        extra.put("train", train.name());
        extra.put("best_epoch", result.training().bestEpoch());
        if (lstm.pretrainLm > 0) {
            extra.put("pretrain_lm_epochs", lstm.pretrainLm);
        }
        result.model().save(modelDir, seed, extra);
        Path vectorsOut = null;
        if (result.vectors() != null && vectorsFile == null) {
            vectorsOut = dir.resolve("vectors-" + preset.embeddingDim() + "d.bin");
            try {
                result.vectors().save(vectorsOut, true);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(vectorsOut + ": cannot write the vectors: " + e.getMessage(), e);
            }
        }
        Path curves = dir.resolve("curves-lstm.png");
        TrainingCurvesPicture.write(result.training().epochs(), "lstm (" + preset.name() + ") on " + train.name(), curves);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("recipe", "lstm");
        report.put("preset", preset.toMap());
        report.put("seed", seed);
        if (lstm.pretrainLm > 0) {
            report.put("pretrain_lm_epochs", lstm.pretrainLm);
        }
        report.put("train", train.name());
        report.put("n_fit", result.training().fitExamples());
        report.put("n_validation", result.training().validationExamples());
        report.put("vocabulary", result.model().classifier().vocabulary().words().size());
        report.put("unknown_rate", Reports.round(result.unknownRate(), 6));
        report.put("parameters", result.model().classifier().model().parameterCount());
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (ClassifierTrainer.EpochFigures f : result.training().epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", f.epoch());
            m.put("train_loss", Reports.round(f.trainLoss(), 6));
            m.put("train_accuracy", Reports.round(f.trainAccuracy(), 6));
            m.put("val_loss", Reports.round(f.valLoss(), 6));
            m.put("val_accuracy", Reports.round(f.valAccuracy(), 6));
            m.put("seconds", Reports.round(f.seconds(), 3));
            epochs.add(m);
        }
        if (!result.pretraining().isEmpty()) {
            List<Map<String, Object>> lm = new ArrayList<>();
            for (var e : result.pretraining()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("loss", Reports.round(e.loss(), 6));
                m.put("seconds", Reports.round(e.seconds(), 3));
                lm.add(m);
            }
            report.put("language_model_epochs", lm);
        }
        report.put("epochs", epochs);
        report.put("best_epoch", result.training().bestEpoch());
        if (result.training().stopReason() != null) {
            report.put("stopped", result.training().stopReason());
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("tokenize_s", Reports.round(result.tokenizeSeconds(), 3));
        timings.put("word2vec_s", Reports.round(result.word2vecSeconds(), 3));
        timings.put("train_s", Reports.round(result.trainSeconds(), 3));
        report.put("timings", timings);
        report.put("model_file", modelDir.toString());
        if (vectorsOut != null) {
            report.put("vectors_file", vectorsOut.toString());
        }
        report.put("curves_png", curves.toString());
        report.put("training_state", trainingDir.toString());
        if (!quiet) {
            out.printf(Locale.ROOT, "lstm (%s preset) on %s: %,d reviews (%,d fit, %,d validation), %,d parameters%n",
                    preset.name(), train.name(), train.texts().size(), result.training().fitExamples(),
                    result.training().validationExamples(), result.model().classifier().model().parameterCount());
            out.printf(Locale.ROOT, "best epoch %d of %d (validation accuracy %.4f)%s%n", result.training().bestEpoch(),
                    result.training().epochs().size(), result.training().best().valAccuracy(),
                    result.training().stopReason() == null ? "" : "; " + result.training().stopReason());
            out.printf(Locale.ROOT, "word2vec %.1f s, training %.1f s%n", result.word2vecSeconds(), result.trainSeconds());
            out.println("model saved to " + modelDir);
            out.println("curves: " + curves);
        }
        if (testSet != null) {
            long p0 = System.nanoTime();
            double[] probability = result.model().predictProbability(testSet.texts());
            double predictSeconds = (System.nanoTime() - p0) / 1e9;
            timings.put("predict_s", Reports.round(predictSeconds, 3));
            BinaryMetrics metrics = BinaryMetrics.of(testSet.labels(), probability);
            Path roc = dir.resolve("roc-lstm.png");
            RocPlot.write(RocCurve.of(testSet.labels(), probability), "lstm on " + testSet.name(), roc);
            report.put("test", testSet.name());
            report.put("test_metrics", Reports.metrics(metrics));
            report.put("roc_curve_png", roc.toString());
            if (!quiet) {
                out.printf(Locale.ROOT, "test on %s (predict %.2f s):%n", testSet.name(), predictSeconds);
                out.print(metrics.report());
                out.println("ROC curve: " + roc);
            }
        }
        timings.put("total_s", Reports.round((System.nanoTime() - t0) / 1e9, 3));
        if (!quiet) {
            out.printf(Locale.ROOT, "total %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
        return report;
    }

    /**
     * Stratified k-fold cross-validation of the LSTM on the same folds as the recipes': in each fold
     * word2vec trains on the fold's training reviews only (or {@code vectorsFile} is used), then the
     * preset's network; the held-out fold is scored.
     */
    private static void refuseVectorsWithRandomEmbeddings(CommandLine cmd, LstmPreset preset, Path vectorsFile) {
        if (vectorsFile != null && preset.training().embeddings() == org.shendu.rnn.classify.EmbeddingMode.RANDOM) {
            throw new CommandLine.ParameterException(cmd, "--embeddings random trains without word vectors: drop --vectors");
        }
    }

    private static void refusePretrainingWithoutMasking(CommandLine cmd, LstmPreset preset, LstmOptions lstm) {
        if (lstm.pretrainLm > 0 && !preset.masked()) {
            throw new CommandLine.ParameterException(cmd,
                    "--pretrain-lm needs masked padding (the language model predicts real words only): drop --mask false or use the default preset");
        }
    }

    static CrossValidatedEvaluation.Result crossValidate(CommandLine cmd, CommonOptions options, Device device, int threads,
                                                         LstmOptions lstm, LabeledCorpus data, Path vectorsFile, int folds,
                                                         long seed) {
        PrintWriter err = cmd.getErr();
        LstmPreset preset;
        try {
            preset = lstm.resolve(seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        refuseVectorsWithRandomEmbeddings(cmd, preset, vectorsFile);
        refusePretrainingWithoutMasking(cmd, preset, lstm);
        WordVectors vectors = vectorsFile == null ? null : AveragedWordVectors.read(vectorsFile);
        TokenizerSpec tokenizer = data.chinese() ? TokenizerSpec.of("chinese") : new TokenizerSpec("english", Map.of("html", "br"));
        LstmPreset p = preset;
        int[] fold = {0};
        return CrossValidatedEvaluation.run("lstm", (texts, labels) -> {
            fold[0]++;
            LstmSentimentTrainer.Result r = new LstmSentimentTrainer(device, threads, Progress.Factory.NONE)
                    .log(line -> {
                        err.println("fold " + fold[0] + ": " + line);
                        err.flush();
                    })
                    .listener(f -> {
                        err.printf(Locale.ROOT, "fold %d epoch %d: train loss %.4f acc %.4f; val loss %.4f acc %.4f; %.0f s%n",
                                fold[0], f.epoch(), f.trainLoss(), f.trainAccuracy(), f.valLoss(), f.valAccuracy(), f.seconds());
                        err.flush();
                    })
                    .pretraining(lstm.pretraining(seed))
                    .train(p, tokenizer, texts, labels, List.of(), vectors);
            return new CrossValidatedEvaluation.Fitted(r.model()::predictProbability, Double.NaN);
        }, data.texts(), data.labels(), folds, seed, TerminalProgress.factory(options));
    }
}
