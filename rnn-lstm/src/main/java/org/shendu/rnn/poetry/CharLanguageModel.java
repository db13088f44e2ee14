package org.shendu.rnn.poetry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.Recurrent;
import org.shendu.core.nn.RecurrentState;

/**
 * A character language model: {@code Embedding(V, E) -> LSTM|GRU|RNN(E -> H, layers) -> Linear(H, V)}
 * at every step, giving the logits of the next character (Karpathy's char-rnn; Graves 2013). The
 * default sizes are the {@code char_lstm_poetry} anchor's (E 128, H 256, 2 layers, no dropout). With
 * dropout p, the outputs of every recurrent layer (the top one too) are dropped in training, as in
 * Zaremba et al. 2014. Tied embeddings (Press and Wolf 2017; Inan et al. 2017) use the embedding
 * matrix as the output layer, {@code logits = proj(h) E^T + b}, with a bias-free projection H -> E
 * when the sizes differ. Parameter names are PyTorch's ({@code emb.weight}, {@code lstm.weight_ih_l0},
 * {@code out.weight}), so the reference's state dict maps one to one.
 */
public final class CharLanguageModel extends Module {
    private final Config config;
    private final Embedding emb;
    private final Recurrent rnn;
    private final Linear out, proj;
    private final Tensor tiedBias;

    /** The network's shape. */
    public record Config(int vocabulary, Recurrent.Cell cell, int embedding, int hidden, int layers, float dropout, boolean tied) {
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
            return new Config(vocabulary, Recurrent.Cell.LSTM, 128, 256, 2, 0f, false);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vocabulary", vocabulary);
            m.put("cell", cell.name().toLowerCase(java.util.Locale.ROOT));
            m.put("embedding", embedding);
            m.put("hidden", hidden);
            m.put("layers", layers);
            m.put("dropout", dropout);
            m.put("tied", tied);
            return m;
        }

        public static Config fromMap(Map<String, Object> m) {
            try {
                return new Config(((Number) m.get("vocabulary")).intValue(), Recurrent.Cell.parse((String) m.getOrDefault("cell", "lstm")),
                        ((Number) m.get("embedding")).intValue(), ((Number) m.get("hidden")).intValue(),
                        ((Number) m.get("layers")).intValue(), ((Number) m.get("dropout")).floatValue(),
                        Boolean.TRUE.equals(m.get("tied")));
            } catch (NullPointerException | ClassCastException e) {
                throw new ShenduException("the model config lacks a size (vocabulary, cell, embedding, hidden, layers, dropout): " + m);
            }
        }
    }

    public CharLanguageModel(Device device, Config config) {
        this.config = config;
        this.emb = module("emb", new Embedding(device, config.vocabulary(), config.embedding()));
        this.rnn = module(config.cell() == Recurrent.Cell.LSTM ? "lstm" : config.cell() == Recurrent.Cell.GRU ? "gru" : "rnn", Recurrent.builder(config.cell(), device, config.embedding(), config.hidden())
                .layers(config.layers()).batchFirst(true).dropout(config.dropout()).build());
        if (config.tied()) {
            this.out = null;
            this.proj = config.hidden() == config.embedding() ? null
                    : module("proj", new Linear(device, config.hidden(), config.embedding(), false));
            float bound = (float) (1 / Math.sqrt(config.embedding()));
            this.tiedBias = parameter("out_bias", () -> device.uniform(-bound, bound, config.vocabulary()));
        } else {
            this.out = module("out", new Linear(device, config.hidden(), config.vocabulary()));
            this.proj = null;
            this.tiedBias = null;
        }
    }

    public Config config() {
        return config;
    }

    /** Logits {@code [B, T, V]} for ids {@code [B, T]} from a zero state; {@code lengths} as {@link Recurrent#forward}. */
    public Tensor forward(Tensor ids, int[] lengths) {
        return head(rnn.forward(emb.forward(ids), lengths).output());
    }

    /** What one {@link #step} gives: the next-token logits {@code [B, V]} and the state to carry. */
    public record Step(Tensor logits, RecurrentState state) {}

    /** Advances a batch by one token: ids {@code [B]} from {@code state} (null: zeros). */
    public Step step(Tensor ids, RecurrentState state) {
        Recurrent.StepOutput s = rnn.step(emb.forward(ids), state);
        return new Step(head(s.output()), s.state());
    }

    private Tensor head(Tensor h) {
        if (config.dropout() > 0 && isTraining()) {
            h = h.mul(Ops.dropoutMask(h.device(), config.dropout(), h.dims()));
        }
        if (out != null) {
            return out.forward(h);
        }
        Tensor e = proj == null ? h : proj.forward(h);
        return e.matmul(emb.weight(), false, true).add(tiedBias);
    }
}
