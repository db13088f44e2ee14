package org.shendu.rnn.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;

/**
 * A trained {@link RecurrentClassifier} with what it needs to read raw token lists: its
 * vocabulary, the token budget and the truncation rule. Saved as one checkpoint folder (the
 * weights in safetensors, the vocabulary and settings in {@code checkpoint.json}), replaced whole,
 * so a crash never leaves half a model.
 */
public record TextClassifier(RecurrentClassifier model, TokenIds vocabulary, int maxTokens, Truncation truncation) {
    /** The checkpoint kind of a saved text classifier. */
    public static final String KIND = "recurrent_text_classifier";

    /** The texts' ids, cut to the budget (labels may be null). */
    public EncodedTexts encode(List<List<String>> tokens, int[] labels) {
        List<int[]> ids = new ArrayList<>(tokens.size());
        for (List<String> t : tokens) {
            ids.add(vocabulary.encode(t, maxTokens, truncation));
        }
        return new EncodedTexts(ids, labels);
    }

    /** Padded width of every batch: the budget without masking (the course's fixed rows), else the longest member. */
    public int padWidth() {
        return model.config().masked() ? 0 : maxTokens;
    }

    /** p(class 1) of each text (batched, no gradients). */
    public double[] probabilities(List<List<String>> tokens) {
        EncodedTexts data = encode(tokens, null);
        int[] rows = java.util.stream.IntStream.range(0, data.size()).toArray();
        float[] z = BatchedScoring.logits(model, data, rows, padWidth());
        int classes = model.config().classes();
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            // softmax over two classes: p1 = 1 / (1 + e^(z0 - z1)); differences of logits keep full precision
            p[i] = 1 / (1 + Math.exp(z[i * classes] - z[i * classes + 1]));
        }
        return p;
    }

    /**
     * Writes the checkpoint folder {@code dir} (core's {@link Checkpoint}: replaced whole, atomically);
     * the vocabulary, budget and truncation go into its JSON beside {@code extra}.
     */
    public void save(Path dir, long seed, Map<String, Object> extra) throws IOException {
        Checkpoint c = Checkpoint.of(KIND).module("model", model).config(model.config().toMap()).seed(seed);
        if (extra != null) {
            extra.forEach(c::extra);
        }
        c.extra("max_tokens", maxTokens).extra("truncation", truncation.spelling()).extra("vocabulary", vocabulary.words());
        c.save(dir);
    }

    /** Whether {@code path} looks like a saved text classifier (a folder with a checkpoint of this kind). */
    public static boolean isSaved(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve("checkpoint.json"));
    }

    /** Loads a folder written by {@link #save}; returns it with the checkpoint's extra fields. */
    public static Loaded load(Path dir, Device device) throws IOException {
        Checkpoint.Info info = Checkpoint.info(dir);
        if (!KIND.equals(info.kind())) {
            throw ShenduException.in(dir, "holds a '" + info.kind() + "' checkpoint, not a recurrent text classifier");
        }
        ClassifierConfig config;
        try {
            config = ClassifierConfig.fromMap(info.config());
        } catch (RuntimeException e) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), e.getMessage());
        }
        if (!(info.extra().get("vocabulary") instanceof List<?> words)) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), "no vocabulary; not written by this shendu");
        }
        TokenIds vocabulary = new TokenIds(words.stream().map(String::valueOf).toList());
        if (vocabulary.size() != config.vocabulary()) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), vocabulary.size() + " ids in the vocabulary, the model"
                    + " was built for " + config.vocabulary());
        }
        RecurrentClassifier model = new RecurrentClassifier(device, config);
        Checkpoint.load(dir, model, null);
        model.eval();
        Object max = info.extra().get("max_tokens");
        Object trunc = info.extra().get("truncation");
        if (!(max instanceof Number) || !(trunc instanceof String)) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), "no max_tokens/truncation; not written by this shendu");
        }
        return new Loaded(new TextClassifier(model, vocabulary, ((Number) max).intValue(), Truncation.parse((String) trunc)),
                info);
    }

    /** A loaded classifier and its checkpoint's info (seed, extra fields such as the tokenizer). */
    public record Loaded(TextClassifier classifier, Checkpoint.Info info) {}
}
