package org.shendu.sentiment.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.rnn.classify.TextClassifier;
import org.shendu.sentiment.text.Tokenizers;

/**
 * A trained LSTM sentiment classifier: the tokenizer it was trained with and the
 * {@link TextClassifier}. Saved as a folder (the classifier's checkpoint, its vocabulary, and the
 * tokenizer in the checkpoint's JSON); a loaded model gives the same probabilities as the saved one.
 */
public final class LstmSentimentModel {
    private final TokenizerSpec tokenizerSpec;
    private final Tokenizer tokenizer;
    private final TextClassifier classifier;

    public LstmSentimentModel(TokenizerSpec tokenizerSpec, TextClassifier classifier) {
        this.tokenizerSpec = tokenizerSpec;
        this.tokenizer = Tokenizers.fromSpec(tokenizerSpec);
        this.classifier = classifier;
    }

    public TextClassifier classifier() {
        return classifier;
    }

    public TokenizerSpec tokenizerSpec() {
        return tokenizerSpec;
    }

    public List<String> tokenize(String text) {
        return tokenizer.tokenize(text);
    }

    /** p(positive) for each text. */
    public double[] predictProbability(List<String> texts) {
        List<List<String>> tokens = new ArrayList<>(texts.size());
        for (String t : texts) {
            tokens.add(tokenizer.tokenize(t));
        }
        return classifier.probabilities(tokens);
    }

    public void save(Path dir, long seed, Map<String, Object> extra) {
        Map<String, Object> all = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        all.put("recipe", "lstm");
        all.put("tokenizer", tokenizerSpec.kind());
        all.put("tokenizer_options", new LinkedHashMap<>(tokenizerSpec.options()));
        try {
            classifier.save(dir, seed, all);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the model: " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} is a saved LSTM model (a folder) rather than a baseline's model file. */
    public static boolean isModel(Path path) {
        return TextClassifier.isSaved(path);
    }

    @SuppressWarnings("unchecked")
    public static LstmSentimentModel load(Path dir, Device device) {
        try {
            TextClassifier.Loaded loaded = TextClassifier.load(dir, device);
            Map<String, Object> extra = loaded.info().extra();
            Object kind = extra.get("tokenizer");
            if (!(kind instanceof String k)) {
                throw ShenduException.in(dir.resolve("checkpoint.json"), "no tokenizer recorded; not a sentiment model");
            }
            Object options = extra.get("tokenizer_options");
            Map<String, String> opts = new LinkedHashMap<>();
            if (options instanceof Map<?, ?> m) {
                m.forEach((a, b) -> opts.put(String.valueOf(a), String.valueOf(b)));
            }
            return new LstmSentimentModel(new TokenizerSpec(k, opts), loaded.classifier());
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the model: " + e.getMessage(), e);
        }
    }
}
