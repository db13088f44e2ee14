package org.shendu.rnn.classify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.shendu.core.nn.Recurrent;

/**
 * The shape of a {@link RecurrentClassifier}: vocabulary size (ids 0 = padding, 1 = unknown word),
 * embedding width, recurrent width, layers and direction, pooling, the dropout on the embeddings and on
 * the pooled vector, the number of classes, and whether padding is masked ({@code masked = false}
 * is the course notebook: the LSTM runs over the padding and the last padded step is read), and the
 * recurrent cell (LSTM unless said otherwise; a GRU has three gates instead of four and no cell state).
 */
public record ClassifierConfig(int vocabulary, int embeddingDim, int hidden, int layers, boolean bidirectional,
                               Pooling pooling, float embeddingDropout, float dropout, int classes, boolean masked,
                               Recurrent.Cell cell) {

    /** An LSTM classifier. */
    public ClassifierConfig(int vocabulary, int embeddingDim, int hidden, int layers, boolean bidirectional,
                            Pooling pooling, float embeddingDropout, float dropout, int classes, boolean masked) {
        this(vocabulary, embeddingDim, hidden, layers, bidirectional, pooling, embeddingDropout, dropout, classes, masked,
                Recurrent.Cell.LSTM);
    }

    public ClassifierConfig {
        if (vocabulary < 2 || embeddingDim < 1 || hidden < 1 || layers < 1 || classes < 2) {
            throw new IllegalArgumentException("bad classifier sizes: vocabulary " + vocabulary + ", embedding " + embeddingDim
                    + ", hidden " + hidden + ", layers " + layers + ", classes " + classes);
        }
        if (!(embeddingDropout >= 0 && embeddingDropout < 1 && dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + embeddingDropout + " and " + dropout);
        }
        if (cell == null) {
            throw new IllegalArgumentException("no recurrent cell given");
        }
        if (!masked && pooling != Pooling.LAST) {
            throw new IllegalArgumentException("without masking only 'last' pooling is defined (the course's last padded step)");
        }
    }

    /** The pooled vector's width. */
    public int featureWidth() {
        return pooling.width(hidden * (bidirectional ? 2 : 1));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vocabulary", vocabulary);
        m.put("embedding_dim", embeddingDim);
        m.put("hidden", hidden);
        m.put("layers", layers);
        m.put("bidirectional", bidirectional);
        m.put("pooling", pooling.spelling());
        m.put("embedding_dropout", (double) embeddingDropout);
        m.put("dropout", (double) dropout);
        m.put("classes", classes);
        m.put("masked", masked);
        m.put("cell", cell.name().toLowerCase(Locale.ROOT));
        return m;
    }

    public static ClassifierConfig fromMap(Map<String, Object> m) {
        return new ClassifierConfig(num(m, "vocabulary").intValue(), num(m, "embedding_dim").intValue(),
                num(m, "hidden").intValue(), num(m, "layers").intValue(), (Boolean) m.get("bidirectional"),
                Pooling.parse((String) m.get("pooling")), num(m, "embedding_dropout").floatValue(),
                num(m, "dropout").floatValue(), num(m, "classes").intValue(), (Boolean) m.get("masked"),
                Recurrent.Cell.parse((String) m.getOrDefault("cell", "lstm"))); // models saved before GRUs are LSTMs
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("classifier config: '" + key + "' missing or not a number");
        }
        return n;
    }
}
