package org.shendu.core.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Optimizer;

/**
 * A training checkpoint in a folder, for everything a run needs to continue: several named modules
 * (a GAN's generator and discriminator), several named optimizers (their moments and step counts),
 * the state of each device's random-number sequence (so dropout and noise continue where they
 * stopped), the training step, the seed, the model's config and anything the caller adds. Resuming
 * from it on one thread continues bit for bit as if the run had never stopped.
 *
 * <pre>{@code
 * Checkpoint ckpt = Checkpoint.of("dcgan").module("generator", g).module("discriminator", d)
 *         .optimizer("generator", optG).optimizer("discriminator", optD).rng(device);
 * ckpt.step(step).save(dir);          // every epoch
 * Checkpoint.Info info = ckpt.load(dir);   // into fresh objects registered the same way
 * }</pre>
 *
 * <p>Layout: {@code checkpoint.json} (format version, kind, step, seed, config, extra, the files of
 * the modules and optimizers, optimizer hyperparameters and steps, random-number states), one
 * {@code NAME.safetensors} per module (parameters and buffers by dotted name, as PyTorch's
 * {@code state_dict}) and one {@code optimizer-NAME.safetensors} per optimizer ({@code optimizer.safetensors}
 * for the one named {@code optimizer}). Every safetensors file carries a checksum of its data. The
 * whole folder is replaced atomically ({@link AtomicFiles#writeDirectory}), so it must hold nothing
 * else: a non-empty folder without {@code checkpoint.json} is refused; the same state gives the
 * same bytes (keys in a fixed order). Format 1 folders (one {@code model}, one {@code optimizer})
 * still load. A checkpoint saved on one device loads on any other.
 */
public final class Checkpoint {
    public static final int FORMAT_VERSION = 2;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Where one optimizer's state is, and its settings. */
    public record OptimizerEntry(String file, long steps, Map<String, Object> hyperparameters) {}

    /**
     * What {@code checkpoint.json} says: {@code modules} maps each module name to its file,
     * {@code rng} each device name to its random-number state ({@link Device#rngState()}).
     */
    public record Info(int formatVersion, String kind, long step, long seed, Map<String, Object> config,
                       Map<String, Object> extra, Map<String, String> modules, Map<String, OptimizerEntry> optimizers,
                       Map<String, Long> rng) {
        /** The hyperparameters of the optimizer named {@code optimizer} (format 1's only one), or empty. */
        public Map<String, Object> optimizer() {
            OptimizerEntry e = optimizers.get("optimizer");
            return e == null ? Map.of() : e.hyperparameters();
        }
    }

    private final String kind;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private Map<String, Object> config = Map.of();
    private final Map<String, Object> extra = new TreeMap<>();
    private long step;
    private long seed;

    private Checkpoint(String kind) {
        this.kind = kind;
    }

    /** A checkpoint of a model of {@code kind} (a name the loader checks, e.g. {@code mnist_cnn}). */
    public static Checkpoint of(String kind) {
        return new Checkpoint(kind);
    }

    /** Saves and restores {@code module}'s parameters and buffers under {@code name}. */
    public Checkpoint module(String name, Module module) {
        modules.put(checkName(name), module);
        return this;
    }

    /** Saves and restores {@code optimizer}'s state, steps and learning rate under {@code name}. */
    public Checkpoint optimizer(String name, Optimizer optimizer) {
        optimizers.put(checkName(name), optimizer);
        return this;
    }

    /** Saves and restores {@code device}'s random-number state (dropout masks, noise, init). */
    public Checkpoint rng(Device device) {
        devices.put(device.toString(), device);
        return this;
    }

    /** The model's configuration (how to rebuild it), saved as JSON. */
    public Checkpoint config(Map<String, Object> config) {
        this.config = config == null ? Map.of() : config;
        return this;
    }

    /** Anything else worth keeping (an accuracy, a tokenizer's settings), saved as JSON. */
    public Checkpoint extra(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** The training step reached. */
    public Checkpoint step(long step) {
        this.step = step;
        return this;
    }

    /** The seed the run started from. */
    public Checkpoint seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Writes the whole checkpoint into {@code dir}, replacing what was there in one step. */
    public void save(Path dir) throws IOException {
        Map<String, String> moduleFiles = new LinkedHashMap<>();
        modules.keySet().forEach(n -> moduleFiles.put(n, n + ".safetensors"));
        Map<String, OptimizerEntry> optimizerEntries = new LinkedHashMap<>();
        optimizers.forEach((n, o) -> optimizerEntries.put(n, new OptimizerEntry(optimizerFile(n), o.steps(),
                new TreeMap<>(o.hyperparameters()))));
        if (moduleFiles.values().stream().anyMatch(f -> optimizerEntries.values().stream().anyMatch(e -> e.file().equals(f)))) {
            throw new IllegalArgumentException("a module and an optimizer would share a file name: " + moduleFiles.keySet());
        }
        refuseForeignFolder(dir);
        Map<String, Long> rng = new TreeMap<>();
        devices.forEach((n, d) -> rng.put(n, d.rngState()));
        Info info = new Info(FORMAT_VERSION, kind, step, seed, new TreeMap<>(config), new TreeMap<>(extra), moduleFiles,
                optimizerEntries, rng);
        AtomicFiles.writeDirectory(dir, staging -> {
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                Map<String, String> meta = new TreeMap<>(Map.of("format", "pt", "kind", kind, "module", e.getKey()));
                Safetensors.write(staging.resolve(moduleFiles.get(e.getKey())), e.getValue().stateDict(), meta);
            }
            for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
                Safetensors.write(staging.resolve(optimizerEntries.get(e.getKey()).file()), e.getValue().state(), null);
            }
            AtomicFiles.write(staging.resolve("checkpoint.json"), out -> JSON.writeValue(out, info));
        });
    }

    /**
     * Restores every registered module (strictly: a missing or unexpected name is an error),
     * optimizer and device random-number state from {@code dir}; the folder may hold more modules
     * and optimizers than are registered (loading a GAN's generator alone). Returns the info.
     */
    public Info load(Path dir) throws IOException {
        Info info = info(dir);
        if (kind != null && !kind.equals(info.kind())) {
            throw ShenduException.in(dir, "holds a '" + info.kind() + "' checkpoint, not '" + kind + "'");
        }
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            String file = info.modules().get(e.getKey());
            if (file == null) {
                throw ShenduException.in(dir, "has no module '" + e.getKey() + "' (it holds " + info.modules().keySet() + ")");
            }
            loadModule(dir.resolve(file), e.getValue());
        }
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            OptimizerEntry entry = info.optimizers().get(e.getKey());
            if (entry == null) {
                throw ShenduException.in(dir, "has no optimizer '" + e.getKey() + "' (it holds " + info.optimizers().keySet() + ")");
            }
            loadOptimizer(dir.resolve(entry.file()), e.getValue(), entry);
        }
        devices.forEach((n, d) -> {
            Long state = info.rng().get(n);
            if (state != null) {
                d.manualSeed(state);
            }
        });
        return info;
    }

    /** Reads {@code checkpoint.json} (either format) without loading any tensor. */
    public static Info info(Path dir) throws IOException {
        AtomicFiles.recoverDirectory(dir);
        Path json = dir.resolve("checkpoint.json");
        if (!Files.isRegularFile(json)) {
            throw ShenduException.in(dir, "not a checkpoint folder (no checkpoint.json)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ShenduException.in(json, "unreadable: " + e.getOriginalMessage());
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw ShenduException.in(json, "format version " + version + " is newer than this shendu reads (" + FORMAT_VERSION + ")");
        }
        if (version == 1) {
            return fromFormat1(dir, tree);
        }
        if (version != FORMAT_VERSION) {
            throw ShenduException.in(json, "no format version; not a shendu checkpoint");
        }
        try {
            Info info = JSON.treeToValue(tree, Info.class);
            return new Info(info.formatVersion(), info.kind(), info.step(), info.seed(), orEmpty(info.config()),
                    orEmpty(info.extra()), orEmpty(info.modules()), orEmpty(info.optimizers()), orEmpty(info.rng()));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ShenduException.in(json, "unreadable: " + e.getOriginalMessage());
        }
    }

    // ---- shipping a trained model ------------------------------------------------------------------

    /**
     * Writes into {@code to} the checkpoint of {@code from} made to ship: its modules only (no optimizer
     * state, no random state), with float weights stored as bfloat16 when {@code bf16} (half the bytes; a
     * loaded model computes in float32 again, from weights rounded to 8 significant bits). Config, extra,
     * step and seed are kept, so the loader rebuilds the same network. With {@code modules} named, only
     * those go (a GAN's generator without its discriminator); none named: all.
     */
    public static void exportWeights(Path from, Path to, boolean bf16, String... modules) throws IOException {
        Info info = info(from);
        Map<String, String> kept = new LinkedHashMap<>(info.modules());
        if (modules.length > 0) {
            for (String m : modules) {
                if (!kept.containsKey(m)) {
                    throw ShenduException.in(from, "has no module '" + m + "' (it holds " + kept.keySet() + ")");
                }
            }
            kept.keySet().retainAll(java.util.List.of(modules));
        }
        Map<String, Safetensors.Contents> files = new LinkedHashMap<>();
        for (String file : kept.values()) {
            Safetensors.Contents c = Safetensors.readFile(from.resolve(file));
            Map<String, Safetensors.Array> tensors = new LinkedHashMap<>();
            c.tensors().forEach((name, a) -> tensors.put(name, bf16 && a.dtype() == Safetensors.Dtype.F32
                    ? Safetensors.Array.bf16((float[]) a.values(), a.shape()) : a));
            files.put(file, new Safetensors.Contents(tensors, c.metadata()));
        }
        Info shipped = new Info(FORMAT_VERSION, info.kind(), info.step(), info.seed(), info.config(), info.extra(),
                kept, Map.of(), Map.of());
        refuseForeignFolder(to);
        AtomicFiles.writeDirectory(to, staging -> {
            for (Map.Entry<String, Safetensors.Contents> e : files.entrySet()) {
                Safetensors.writeFile(staging.resolve(e.getKey()), e.getValue().tensors(), e.getValue().metadata());
            }
            AtomicFiles.write(staging.resolve("checkpoint.json"), out -> JSON.writeValue(out, shipped));
        });
    }

    /**
     * A checkpoint shipped as class-path resources in {@code folder} (e.g. {@code org/shendu/rnn/poetry/pretrained}:
     * its {@code checkpoint.json} and module files), copied by {@code loader} into a fresh temporary folder
     * that is deleted when the JVM exits; empty when {@code folder} holds no {@code checkpoint.json}.
     */
    public static java.util.Optional<Path> fromResources(ClassLoader loader, String folder) throws IOException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        byte[] json;
        try (var in = loader.getResourceAsStream(prefix + "checkpoint.json")) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            json = in.readAllBytes();
        }
        Path dir = Files.createTempDirectory("shendu-pretrained-");
        dir.toFile().deleteOnExit();
        Path checkpointJson = dir.resolve("checkpoint.json");
        Files.write(checkpointJson, json);
        checkpointJson.toFile().deleteOnExit();
        for (String file : info(dir).modules().values()) {
            Path target = dir.resolve(checkName(file));
            try (var in = loader.getResourceAsStream(prefix + file)) {
                if (in == null) {
                    throw new ShenduException("the shipped model in " + prefix + " lacks " + file + ": the jar is damaged; rebuild it");
                }
                Files.copy(in, target);
            }
            target.toFile().deleteOnExit();
        }
        return java.util.Optional.of(dir);
    }

    // ---- the one-model convenience (format 1's shape) --------------------------------------------

    /** Saves one module named {@code model} and its optimizer (may be null) named {@code optimizer}. */
    public static void save(Path dir, String kind, Module model, Map<String, Object> config, Optimizer optimizer,
                            long step, long seed, Map<String, Object> extra) throws IOException {
        Checkpoint c = of(kind).module("model", model).config(config).step(step).seed(seed);
        if (optimizer != null) {
            c.optimizer("optimizer", optimizer);
        }
        if (extra != null) {
            extra.forEach(c::extra);
        }
        c.save(dir);
    }

    /**
     * Loads the module named {@code model} (strictly) and, when given and saved, the optimizer
     * named {@code optimizer}; any kind is accepted (check {@link Info#kind()}). Returns the info.
     */
    public static Info load(Path dir, Module model, Optimizer optimizer) throws IOException {
        Checkpoint c = new Checkpoint(null).module("model", model);
        Info info = info(dir);
        if (optimizer != null && info.optimizers().containsKey("optimizer")) {
            c.optimizer("optimizer", optimizer);
        }
        return c.load(dir);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void loadModule(Path file, Module module) throws IOException {
        Map<String, Tensor> state = Safetensors.read(file, module.device());
        try {
            module.loadStateDict(state, true);
        } catch (ShenduException e) {
            throw ShenduException.in(file, e.getMessage());
        } finally {
            state.values().forEach(Tensor::close);
        }
    }

    private static void loadOptimizer(Path file, Optimizer optimizer, OptimizerEntry entry) throws IOException {
        Device device = optimizer.params().isEmpty() ? Device.cpu() : optimizer.params().get(0).device();
        Map<String, Tensor> state = Safetensors.read(file, device);
        try {
            optimizer.loadState(state, entry.steps());
        } finally {
            state.values().forEach(Tensor::close);
        }
        Object lr = entry.hyperparameters().get("lr");
        if (lr instanceof Number n) {
            optimizer.setLearningRate(n.floatValue());
        }
    }

    private static Info fromFormat1(Path dir, JsonNode tree) {
        Map<String, Object> config = JSON.convertValue(tree.path("config"), Map.class);
        Map<String, Object> extra = JSON.convertValue(tree.path("extra"), Map.class);
        Map<String, OptimizerEntry> optimizers = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve("optimizer.safetensors"))) {
            Map<String, Object> hyper = JSON.convertValue(tree.path("optimizer"), Map.class);
            optimizers.put("optimizer", new OptimizerEntry("optimizer.safetensors", tree.path("optimizerSteps").asLong(),
                    orEmpty(hyper)));
        }
        return new Info(1, tree.path("kind").asText(), tree.path("step").asLong(), tree.path("seed").asLong(),
                orEmpty(config), orEmpty(extra), Map.of("model", "model.safetensors"), optimizers, Map.of());
    }

    /** Saving replaces the whole folder, so a folder with other things in it is never taken for one. */
    private static void refuseForeignFolder(Path dir) throws IOException {
        AtomicFiles.recoverDirectory(dir);
        if (Files.isDirectory(dir) && !Files.isRegularFile(dir.resolve("checkpoint.json"))) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw ShenduException.in(dir, "is a folder with other files in it, not a checkpoint; saving replaces the"
                            + " whole folder, so give a new or empty one");
                }
            }
        }
    }

    private static String optimizerFile(String name) {
        return name.equals("optimizer") ? "optimizer.safetensors" : "optimizer-" + name + ".safetensors";
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("checkpoint entry name '" + name + "' must be letters, digits, _ . -");
        }
        return name;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }
}
