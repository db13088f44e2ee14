package org.shendu.sentiment.rnn;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.shendu.core.nn.Recurrent;
import org.shendu.rnn.classify.ClassifierConfig;
import org.shendu.rnn.classify.EmbeddingMode;
import org.shendu.rnn.classify.Pooling;
import org.shendu.rnn.classify.TrainingOptions;
import org.shendu.rnn.classify.Truncation;

/**
 * A complete LSTM sentiment configuration: the network, the token budget, the word2vec vectors
 * trained for it, and the training. Two are named: {@code course}, the course notebook (LSTM(64) on
 * 50-d vectors, a fixed 250-token row, the padding not masked, the last padded step read, dropout
 * keep 0.75, Adam 1e-3, batches of 24, frozen vectors), and {@code default}, the configuration that
 * reaches 90 % on IMDB on two CPU cores within an hour (docs/sentiment.md).
 */
public record LstmPreset(String name, int embeddingDim, int hidden, int layers, boolean bidirectional, Pooling pooling,
                         boolean masked, int maxTokens, Truncation truncation, float embeddingDropout, float dropout,
                         Word2VecSettings word2vec, TrainingOptions training, Recurrent.Cell cell) {

    /**
     * How the vectors are trained (CBOW, negative sampling 5, sample 1e-3, on train + unlabeled texts
     * only) and the vocabulary: words seen {@code minCount} times, at most {@code maxVocabulary} (0: all).
     */
    public record Word2VecSettings(int window, int minCount, int epochs, int maxVocabulary) {

        public Word2VecSettings withMaxVocabulary(int n) {
            return new Word2VecSettings(window, minCount, epochs, n);
        }
    }

    public static LstmPreset named(String name, long seed) {
        return switch (name) {
            case "default" -> new LstmPreset("default", 100, 64, 1, true, Pooling.MEAN_MAX, true, 400, Truncation.HEAD_TAIL,
                    0.25f, 0.4f, new Word2VecSettings(5, 5, 3, 0),
                    new TrainingOptions(4, 64, 2e-3f, 0f, 5f, EmbeddingMode.FROZEN_FIRST_EPOCH, 0.1, 1, true, seed), Recurrent.Cell.LSTM);
            case "course" -> new LstmPreset("course", 50, 64, 1, false, Pooling.LAST, false, 250, Truncation.HEAD,
                    0f, 0.25f, new Word2VecSettings(5, 5, 3, 0),
                    new TrainingOptions(5, 24, 1e-3f, 0f, 0f, EmbeddingMode.FROZEN, 0.1, 2, false, seed), Recurrent.Cell.LSTM);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; use default or course");
        };
    }

    /** The network for a vocabulary of {@code vocabulary} ids (padding and unknown included), two classes. */
    public ClassifierConfig network(int vocabulary) {
        return new ClassifierConfig(vocabulary, embeddingDim, hidden, layers, bidirectional, pooling, embeddingDropout,
                dropout, 2, masked, cell);
    }

    public LstmPreset withTraining(TrainingOptions t) {
        return new LstmPreset(name, embeddingDim, hidden, layers, bidirectional, pooling, masked, maxTokens, truncation,
                embeddingDropout, dropout, word2vec, t, cell);
    }

    /** The same preset with its vocabulary capped at the {@code n} most frequent words (0: no cap). */
    public LstmPreset withMaxVocabulary(int n) {
        return new LstmPreset(name, embeddingDim, hidden, layers, bidirectional, pooling, masked, maxTokens, truncation,
                embeddingDropout, dropout, word2vec.withMaxVocabulary(n), training, cell);
    }

    /** The same preset with a GRU (or another cell) in place of the LSTM. */
    public LstmPreset withCell(Recurrent.Cell c) {
        return new LstmPreset(name, embeddingDim, hidden, layers, bidirectional, pooling, masked, maxTokens, truncation,
                embeddingDropout, dropout, word2vec, training, c);
    }

    /** The same preset with one network option changed, for ablations ({@code --hidden 128} etc.). */
    public LstmPreset with(Integer hidden, Integer layers, Boolean bidirectional, Pooling pooling, Boolean masked,
                           Integer maxTokens, Truncation truncation, Integer embeddingDim) {
        boolean m = masked != null ? masked : this.masked;
        Pooling p = pooling != null ? pooling : (m ? this.pooling : Pooling.LAST);
        return new LstmPreset(name, embeddingDim != null ? embeddingDim : this.embeddingDim,
                hidden != null ? hidden : this.hidden, layers != null ? layers : this.layers,
                bidirectional != null ? bidirectional : this.bidirectional, p, m,
                maxTokens != null ? maxTokens : this.maxTokens, truncation != null ? truncation : this.truncation,
                embeddingDropout, dropout, word2vec, training, cell);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", name);
        m.put("max_tokens", maxTokens);
        m.put("truncation", truncation.spelling());
        m.put("word2vec", training.embeddings() == EmbeddingMode.RANDOM ? "none (random embeddings)"
                : String.format(Locale.ROOT, "cbow dim %d window %d min-count %d epochs %d", embeddingDim,
                word2vec.window(), word2vec.minCount(), word2vec.epochs()));
        if (word2vec.maxVocabulary() > 0) {
            m.put("max_vocabulary", word2vec.maxVocabulary());
        }
        m.putAll(network(2).toMap());
        m.remove("vocabulary");
        m.putAll(training.toMap());
        return m;
    }
}
