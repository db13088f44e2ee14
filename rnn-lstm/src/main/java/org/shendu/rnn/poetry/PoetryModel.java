package org.shendu.rnn.poetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Optimizer;
import org.shendu.core.sample.Sampler;

/**
 * A trained poetry language model with its vocabulary, loaded from a checkpoint folder written by
 * {@link PoetryTrainer}. Close it to free the weights.
 *
 * <pre>
 * try (PoetryModel model = PoetryModel.load(Path.of("runs/poetry/best"), Device.cpu())) {
 *     PoemRequest acrostic = PoemRequest.of(VerseForm.QIJUE).withAcrostic("春夏秋冬").withRhyme(true);
 *     for (String poem : model.generate(acrostic, 2, Sampler.builder().temperature(0.8f).seed(7).build())) {
 *         PoemGenerator.lines(poem).forEach(System.out::println);
 *     }
 * }
 * </pre>
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

    /** Where the model shipped in the jar lives on the class path (written by {@link #export}). */
    public static final String PRETRAINED = "org/shendu/rnn/poetry/pretrained";

    /**
     * The pretrained model shipped in the jar (a {@code char_lstm_poetry} network with tied embeddings in
     * bfloat16, trained by the command in docs/poetry.md); a one-line {@link ShenduException} when this
     * build ships none.
     */
    public static PoetryModel pretrained(Device device) {
        java.util.Optional<Path> dir;
        try {
            dir = Checkpoint.fromResources(PoetryModel.class.getClassLoader(), PRETRAINED);
        } catch (IOException e) {
            throw new ShenduException("cannot read the shipped poetry model: " + e.getMessage());
        }
        return load(dir.orElseThrow(() -> new ShenduException(
                "this build ships no pretrained poetry model: give --model DIR (train one with `shendu poetry train`)")), device);
    }

    /**
     * Writes the model of checkpoint {@code from} (a {@code best/} folder) into {@code to} for shipping:
     * weights only, in bfloat16, which {@link #load} reads back as float32. Checks first that it loads.
     */
    public static void export(Path from, Path to) throws IOException {
        load(from, Device.cpu()).close();
        Checkpoint.exportWeights(from, to, true);
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

    /** Writes a checkpoint (the folder is replaced whole by {@link Checkpoint}); the device's random state goes with it. */
    static void save(Path dir, Module model, Map<String, Object> config, Optimizer optimizer, long step, long seed,
            Map<String, Object> extra) throws IOException {
        Checkpoint c = Checkpoint.of(PoetryTrainer.KIND).module("model", model).rng(model.device()).config(config)
                .step(step).seed(seed);
        if (optimizer != null) {
            c.optimizer("optimizer", optimizer);
        }
        extra.forEach(c::extra);
        c.save(dir);
    }

    /**
     * Writes {@code count} poems for {@code request} (see {@link PoemGenerator}), drawing with
     * {@code sampler} (temperature, top-k, top-p or greedy, and its seed).
     */
    public List<String> generate(PoemRequest request, int count, Sampler sampler) {
        return PoemGenerator.generate(network, vocabulary, request, count, sampler::sampleIds);
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
