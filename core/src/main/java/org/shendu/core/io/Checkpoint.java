package org.shendu.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Optimizer;

/**
 * A training checkpoint in a folder: {@code model.safetensors} (parameters and buffers by dotted
 * name), {@code optimizer.safetensors} (its state tensors) and {@code checkpoint.json} (format
 * version, the model's config, optimizer hyperparameters and step count, training step, seed, and
 * anything the caller adds such as a tokenizer config). A checkpoint saved on one device loads on
 * any other.
 */
public final class Checkpoint {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoint() {}

    /** What is in {@code checkpoint.json}. */
    public record Info(int formatVersion, String kind, Map<String, Object> config, Map<String, Object> optimizer,
                       long optimizerSteps, long step, long seed, Map<String, Object> extra) {}

    public static void save(Path dir, String kind, Module model, Map<String, Object> config, Optimizer optimizer,
                            long step, long seed, Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        Safetensors.write(dir.resolve("model.safetensors"), model.stateDict(), Map.of("format", "pt", "kind", kind));
        if (optimizer != null) {
            Safetensors.write(dir.resolve("optimizer.safetensors"), optimizer.state(), Map.of());
        }
        Info info = new Info(FORMAT_VERSION, kind, config, optimizer == null ? Map.of() : optimizer.hyperparameters(),
                optimizer == null ? 0 : optimizer.steps(), step, seed, extra == null ? Map.of() : extra);
        Path json = dir.resolve("checkpoint.json");
        Path tmp = Files.createTempFile(dir, "checkpoint.json", ".tmp");
        JSON.writeValue(tmp.toFile(), info);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Info info(Path dir) throws IOException {
        Path json = dir.resolve("checkpoint.json");
        if (!Files.isRegularFile(json)) {
            throw ShenduException.in(dir, "not a checkpoint folder (no checkpoint.json)");
        }
        try {
            Info info = JSON.readValue(json.toFile(), Info.class);
            if (info.formatVersion() > FORMAT_VERSION) {
                throw ShenduException.in(json, "format version " + info.formatVersion() + " is newer than this shendu reads ("
                        + FORMAT_VERSION + ")");
            }
            return info;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ShenduException.in(json, "unreadable: " + e.getOriginalMessage());
        }
    }

    /**
     * Loads the parameters into {@code model} (strictly: missing or unexpected names are an error)
     * and, when given, the optimizer state. Returns the info.
     */
    public static Info load(Path dir, Module model, Optimizer optimizer) throws IOException {
        Info info = info(dir);
        Device device = model.device();
        Map<String, Tensor> state = Safetensors.read(dir.resolve("model.safetensors"), device);
        try {
            model.loadStateDict(state, true);
        } catch (ShenduException e) {
            throw ShenduException.in(dir.resolve("model.safetensors"), e.getMessage());
        } finally {
            state.values().forEach(Tensor::close);
        }
        if (optimizer != null && Files.isRegularFile(dir.resolve("optimizer.safetensors"))) {
            Map<String, Tensor> os = Safetensors.read(dir.resolve("optimizer.safetensors"), device);
            optimizer.loadState(new LinkedHashMap<>(os), info.optimizerSteps());
            os.values().forEach(Tensor::close);
        }
        return info;
    }
}
