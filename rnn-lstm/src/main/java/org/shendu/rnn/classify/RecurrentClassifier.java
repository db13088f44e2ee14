package org.shendu.rnn.classify;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Lstm;
import org.shendu.core.nn.Module;

/**
 * A text classifier: embedding, an LSTM (layers, optionally bidirectional) over the real steps of
 * each sequence, {@link Pooling} over those steps, dropout, a linear layer to class logits:
 * <pre>
 *   e_t = dropout(E[w_t])      y_1..y_len = LSTM(e_1..e_len)      z = pool(y)      logits = W dropout(z) + b
 * </pre>
 * Padding never enters the LSTM (lengths, not a pad row), so a review scores the same alone or in a
 * batch of longer ones; with {@code masked = false} (the course notebook) the LSTM reads the padding
 * and the state after the last padded step is pooled. Ids: 0 padding, 1 unknown word.
 */
public final class RecurrentClassifier extends Module {
    public static final int PAD = 0, UNKNOWN = 1;

    private final ClassifierConfig config;
    private final Embedding embedding;
    private final Lstm lstm;
    private final Linear output;

    public RecurrentClassifier(Device device, ClassifierConfig config) {
        this.config = config;
        this.embedding = module("embedding", new Embedding(device, config.vocabulary(), config.embeddingDim(), PAD));
        this.lstm = module("lstm", Lstm.builder(device, config.embeddingDim(), config.hidden())
                .layers(config.layers()).bidirectional(config.bidirectional()).batchFirst(true).build());
        this.output = module("output", new Linear(device, config.featureWidth(), config.classes()));
    }

    public ClassifierConfig config() {
        return config;
    }

    public Embedding embedding() {
        return embedding;
    }

    /**
     * Class logits {@code [B, classes]} for token ids {@code [B, T]} (int); sequence b has
     * {@code lengths[b]} real tokens, the rest of its row is padding (ignored when {@code masked} is off).
     */
    public Tensor forward(Tensor ids, int[] lengths) {
        int[] steps = config.masked() ? lengths : null;
        Tensor x = embedding.forward(ids);
        if (config.embeddingDropout() > 0 && isTraining()) {
            x = x.mul(Ops.dropoutMask(x.device(), config.embeddingDropout(), x.dims()));
        }
        Lstm.Output y = lstm.forward(x, steps);
        Tensor z = config.pooling().pool(y.output(), y.last(), steps);
        if (config.dropout() > 0 && isTraining()) {
            z = z.mul(Ops.dropoutMask(z.device(), config.dropout(), z.dims()));
        }
        return output.forward(z);
    }
}
