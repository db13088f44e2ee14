package org.shendu.rnn.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;

/**
 * A trained {@link RecurrentClassifier} with what it needs to read raw token lists: its
 * vocabulary, the token budget and the truncation rule. Saved as one folder: the checkpoint
 * ({@code checkpoint.json}, {@code model.safetensors}) and {@code vocabulary.txt}, written beside
 * the target and renamed into place, so a crash never leaves half a model.
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
        float[] z = ClassifierTrainer.logits(model, data, rows, padWidth());
        int classes = model.config().classes();
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            // softmax over two classes: p1 = 1 / (1 + e^(z0 - z1)); differences of logits keep full precision
            p[i] = 1 / (1 + Math.exp(z[i * classes] - z[i * classes + 1]));
        }
        return p;
    }

    /** Writes the folder {@code dir} (replacing an earlier model there); {@code extra} goes into the checkpoint's JSON. */
    public void save(Path dir, long seed, Map<String, Object> extra) throws IOException {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, target.getFileName() + ".tmp");
        try {
            Map<String, Object> all = new LinkedHashMap<>(extra == null ? Map.of() : extra);
            all.put("max_tokens", maxTokens);
            all.put("truncation", truncation.spelling());
            Checkpoint.save(tmp, KIND, model, model.config().toMap(), null, 0, seed, all);
            vocabulary.write(tmp.resolve("vocabulary.txt"));
            if (Files.exists(target)) {
                if (!Files.isRegularFile(target.resolve("checkpoint.json"))) {
                    throw ShenduException.in(target, "exists and is not a saved model; choose another --save path");
                }
                Path old = Files.createTempDirectory(parent, target.getFileName() + ".old");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
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
        TokenIds vocabulary = TokenIds.read(dir.resolve("vocabulary.txt"));
        if (vocabulary.size() != config.vocabulary()) {
            throw ShenduException.in(dir.resolve("vocabulary.txt"), vocabulary.size() + " ids, the model was built for "
                    + config.vocabulary());
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

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
