package org.shendu.cli.sentiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shendu.cli.TourStep;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.data.DataDirectory;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.rnn.classify.ClassifierTrainer;
import org.shendu.rnn.classify.TrainingOptions;
import org.shendu.sentiment.LabeledCorpus;
import org.shendu.core.metrics.BinaryMetrics;
import org.shendu.sentiment.eval.TrainingCurvesPicture;
import org.shendu.sentiment.rnn.LstmPreset;
import org.shendu.sentiment.rnn.LstmSentimentTrainer;

/**
 * The LSTM's part of the tour: word2vec on the 1,000 sample training reviews, then a small
 * bidirectional LSTM with mean+max pooling for two epochs, its curves, and its test accuracy. A
 * sample this small teaches an LSTM little; the point is the pipeline (the full-data figures are in
 * docs/sentiment.md).
 */
public final class LstmTour implements TourStep {

    @Override
    public String title() {
        return "sentiment: an LSTM on our own word2vec vectors";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) {
        DataDirectory none = DataDirectory.resolve(dir.resolve("no-data"));
        LabeledCorpus train = LabeledCorpus.load("sample-imdb", "train", none);
        LabeledCorpus test = LabeledCorpus.load("sample-imdb", "test", none);
        LstmPreset preset = LstmPreset.named("default", seed).with(16, null, null, null, null, 150, null, 32);
        TrainingOptions t = preset.training();
        preset = preset.withTraining(t.withEpochs(2));
        Device device = Device.of("cpu");
        LstmSentimentTrainer.Result r = new LstmSentimentTrainer(device, Runtime.getRuntime().availableProcessors(),
                Progress.Factory.NONE).train(preset, new TokenizerSpec("english", java.util.Map.of("html", "br")),
                train.texts(), train.labels(), List.of(), null);
        StringBuilder md = new StringBuilder();
        String setup = String.format(Locale.ROOT, "word2vec (CBOW, %d-d) on the %,d sample training reviews: %,d words;"
                + " then a bidirectional LSTM(%d) over the first %d tokens, mean+max pooling, %,d parameters.",
                preset.embeddingDim(), train.texts().size(), r.vectors().size(), preset.hidden(), preset.maxTokens(),
                r.model().classifier().model().parameterCount());
        out.println(setup);
        md.append(setup).append("\n\n");
        for (ClassifierTrainer.EpochFigures f : r.training().epochs()) {
            String line = String.format(Locale.ROOT, "epoch %d: train loss %.3f, validation accuracy %.3f (%.0f s)",
                    f.epoch(), f.trainLoss(), f.valAccuracy(), f.seconds());
            out.println(line);
            md.append("- ").append(line).append("\n");
        }
        Path curves = dir.resolve("sentiment-lstm-curves.png");
        TrainingCurvesPicture.write(r.training().epochs(), "LSTM, IMDB sample", curves);
        BinaryMetrics m = BinaryMetrics.of(test.labels(), r.model().predictProbability(test.texts()));
        String result = String.format(Locale.ROOT, "On %,d test reviews: accuracy %.3f, ROC-AUC %.3f. A thousand"
                + " reviews teach an LSTM little; on the full IMDB data the default preset reaches 90 %%"
                + " (docs/sentiment.md).", test.texts().size(), m.accuracy(), m.rocAuc());
        out.println(result);
        md.append("\n").append(result).append("\n\n![LSTM curves](").append(curves.getFileName()).append(")\n");
        out.flush();
        return md.toString();
    }
}
