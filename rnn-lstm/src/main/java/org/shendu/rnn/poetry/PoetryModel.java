package org.shendu.rnn.poetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Optimizer;

/**
 * A trained poetry language model with its vocabulary, loaded from a checkpoint folder written by
 * {@link PoetryTrainer}. Close it to free the weights.
 */
public final class PoetryModel implements AutoCloseable {
    static final String VOCABULARY_KEY = "vocabulary";
    private final CharLanguageModel network;
    private final PoetryVocabulary vocabulary;
    private final Checkpoint.Info info;

    private PoetryModel(CharLanguageModel network, PoetryVocabulary vocabulary, Checkpoint.Info info) {
        this.network = network;
        this.vocabulary = vocabulary;
        this.info = info;
    }

    /** Loads a checkpoint folder; anything missing or damaged is one {@link ShenduException} line naming the file. */
    public static PoetryModel load(Path dir, Device device) {
        Checkpoint.Info info = info(dir);
        PoetryVocabulary vocab = vocabulary(dir, info);
        CharLanguageModel.Config config;
        try {
            config = CharLanguageModel.Config.fromMap(info.config());
        } catch (ShenduException e) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), e.getMessage());
        }
        if (config.vocabulary() != vocab.size()) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), "the model's vocabulary size " + config.vocabulary()
                    + " differs from the stored vocabulary's " + vocab.size());
        }
        CharLanguageModel net = new CharLanguageModel(device, config);
        try {
            Checkpoint.load(dir, net, null);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e instanceof ShenduException se ? se
                    : ShenduException.in(dir.resolve("model.safetensors"), "unreadable: " + e.getMessage());
        }
        net.eval();
        return new PoetryModel(net, vocab, info);
    }

    /** The checkpoint's info after checking it was written by this trainer with this vocabulary. */
    static Checkpoint.Info checkVocabulary(Path dir, PoetryVocabulary expected) {
        Checkpoint.Info info = info(dir);
        if (!vocabulary(dir, info).characters().equals(expected.characters())) {
            throw ShenduException.in(dir, "the checkpoint was trained on another corpus (its vocabulary differs); "
                    + "resume only with the same poem file");
        }
        return info;
    }

    private static Checkpoint.Info info(Path dir) {
        Checkpoint.Info info;
        try {
            info = Checkpoint.info(dir);
        } catch (IOException e) {
            throw ShenduException.in(dir, "unreadable checkpoint: " + e.getMessage());
        }
        if (!PoetryTrainer.KIND.equals(info.kind())) {
            throw ShenduException.in(dir, "a '" + info.kind() + "' checkpoint, not a poetry model");
        }
        return info;
    }

    private static PoetryVocabulary vocabulary(Path dir, Checkpoint.Info info) {
        Object chars = info.extra() == null ? null : info.extra().get(VOCABULARY_KEY);
        if (!(chars instanceof String s) || s.isEmpty()) {
            throw ShenduException.in(dir.resolve("checkpoint.json"), "no vocabulary stored");
        }
        return PoetryVocabulary.parse(s);
    }

    /**
     * Writes a checkpoint into a fresh sibling folder and then swaps it in, so that an interrupted
     * save leaves the previous checkpoint whole.
     */
    static void save(Path dir, Module model, Map<String, Object> config, Optimizer optimizer, long step, long seed,
            Map<String, Object> extra) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".writing");
        Checkpoint.save(tmp, PoetryTrainer.KIND, model, config, optimizer, step, seed, extra);
        Path old = parent.resolve(dir.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    public CharLanguageModel network() {
        return network;
    }

    public PoetryVocabulary vocabulary() {
        return vocabulary;
    }

    /** The training step the checkpoint was taken at. */
    public long step() {
        return info.step();
    }

    /** The validation per-poem NLL recorded with the checkpoint (NaN if none). */
    public double validationNll() {
        Object v = info.extra().get("validation_nll");
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public void close() {
        network.close();
    }
}
