package org.shendu.rnn.classify;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.Recurrent;

/**
 * A text classifier: embedding, an LSTM or GRU (layers, optionally bidirectional) over the real steps of
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
    private final Recurrent rnn;
    private final Linear output;

    public RecurrentClassifier(Device device, ClassifierConfig config) {
        this.config = config;
        this.embedding = module("embedding", new Embedding(device, config.vocabulary(), config.embeddingDim(), PAD));
        // Named after the cell, as PyTorch users name the attribute: lstm.weight_ih_l0, gru.weight_ih_l0.
        this.rnn = module(config.cell() == Recurrent.Cell.LSTM ? "lstm" : config.cell() == Recurrent.Cell.GRU ? "gru" : "rnn",
                Recurrent.builder(config.cell(), device, config.embeddingDim(), config.hidden())
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
        Recurrent.Output y = encode(ids, lengths);
        Tensor z = config.pooling().pool(y.output(), y.last(), steps);
        if (config.dropout() > 0 && isTraining()) {
            z = z.mul(Ops.dropoutMask(z.device(), config.dropout(), z.dims()));
        }
        return output.forward(z);
    }

    /**
     * The top recurrent layer's outputs {@code [B, T, directions * hidden]} for token ids {@code [B, T]}
     * (zero past each length when masked), before pooling: what {@link LanguageModelPretraining} trains.
     */
    public Recurrent.Output encode(Tensor ids, int[] lengths) {
        Tensor x = embedding.forward(ids);
        if (config.embeddingDropout() > 0 && isTraining()) {
            x = x.mul(Ops.dropoutMask(x.device(), config.embeddingDropout(), x.dims()));
        }
        return rnn.forward(x, config.masked() ? lengths : null);
    }
}
