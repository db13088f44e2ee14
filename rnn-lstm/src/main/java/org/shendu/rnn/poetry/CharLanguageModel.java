package org.shendu.rnn.poetry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Lstm;
import org.shendu.core.nn.Module;

/**
 * A character language model: {@code Embedding(V, E) -> LSTM(E -> H, layers) -> Linear(H, V)} at
 * every step, giving the logits of the next character (Karpathy's char-rnn; Graves 2013). The
 * default sizes are the {@code char_lstm_poetry} anchor's (E 128, H 256, 2 layers, no dropout). With
 * dropout p, the outputs of every recurrent layer (the top one too) are dropped in training, as in
 * Zaremba et al. 2014. Parameter names are PyTorch's ({@code emb.weight}, {@code lstm.weight_ih_l0},
 * {@code out.weight}), so the reference's state dict maps one to one.
 */
public final class CharLanguageModel extends Module {
    private final Config config;
    private final Embedding emb;
    private final Lstm lstm;
    private final Linear out;

    /** The network's shape. */
    public record Config(int vocabulary, int embedding, int hidden, int layers, float dropout) {
        public Config {
            if (vocabulary < 4 || embedding < 1 || hidden < 1 || layers < 1) {
                throw new ShenduException("model sizes must be positive (vocabulary " + vocabulary + ", embedding " + embedding
                        + ", hidden " + hidden + ", layers " + layers + ")");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new ShenduException("dropout must be in [0, 1), not " + dropout);
            }
        }

        /** The {@code char_lstm_poetry} anchor's network for a vocabulary of V. */
        public static Config charLstmPoetry(int vocabulary) {
            return new Config(vocabulary, 128, 256, 2, 0f);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vocabulary", vocabulary);
            m.put("embedding", embedding);
            m.put("hidden", hidden);
            m.put("layers", layers);
            m.put("dropout", dropout);
            return m;
        }

        public static Config fromMap(Map<String, Object> m) {
            try {
                return new Config(((Number) m.get("vocabulary")).intValue(), ((Number) m.get("embedding")).intValue(),
                        ((Number) m.get("hidden")).intValue(), ((Number) m.get("layers")).intValue(),
                        ((Number) m.get("dropout")).floatValue());
            } catch (NullPointerException | ClassCastException e) {
                throw new ShenduException("the model config lacks a size (vocabulary, embedding, hidden, layers, dropout): " + m);
            }
        }
    }

    public CharLanguageModel(Device device, Config config) {
        this.config = config;
        this.emb = module("emb", new Embedding(device, config.vocabulary(), config.embedding()));
        this.lstm = module("lstm", Lstm.builder(device, config.embedding(), config.hidden())
                .layers(config.layers()).batchFirst(true).dropout(config.dropout()).build());
        this.out = module("out", new Linear(device, config.hidden(), config.vocabulary()));
    }

    public Config config() {
        return config;
    }

    /** Logits {@code [B, T, V]} for ids {@code [B, T]} from a zero state; {@code lengths} as {@link Lstm#forward}. */
    public Tensor forward(Tensor ids, int[] lengths) {
        Tensor h = lstm.forward(emb.forward(ids), lengths).output();
        if (config.dropout() > 0 && isTraining()) {
            h = h.mul(Ops.dropoutMask(ids.device(), config.dropout(), h.dims()));
        }
        return out.forward(h);
    }
}
