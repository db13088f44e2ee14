package org.shendu.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Safetensors;
import org.shendu.core.io.TextArrays;

/**
 * The container of a saved sentiment model: a safetensors file (the core's one binary container,
 * {@link Safetensors}), so NumPy or PyTorch can open it too. Each array is a 1-D tensor ({@code F64},
 * {@code F32}, {@code I32}); an array of texts is the {@code U8} tensor of their UTF-8 bytes one
 * after another plus an {@code I32} tensor {@code NAME.lengths}. The metadata holds the format name
 * and version, the model's JSON description ({@code header}) and the names of the text arrays.
 *
 * <p>Like every safetensors file shendu writes, it carries a SHA-256 of its data, so a model whose
 * weights were damaged is refused with one line; it is replaced atomically, so a crash never leaves
 * half a model.
 */
public final class ModelFile {
    /** The metadata {@code format} of every model file. */
    static final String FORMAT = "shendu-sentiment-model";
    /** What format 1 files (a text header, before safetensors) start with. */
    private static final String FORMAT_1_MAGIC = "SHENDU-SENTIMENT-MODEL";
    /** Bumped whenever the layout or the meaning of a field changes (2: safetensors). */
    public static final int FORMAT_VERSION = 2;
    private static final String LENGTHS = TextArrays.LENGTHS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode header;
    private final Map<String, Object> arrays;

    private ModelFile(ObjectNode header, Map<String, Object> arrays) {
        this.header = header;
        this.arrays = arrays;
    }

    /** An empty file's contents, to fill with {@link #put} calls. */
    public static ModelFile create() {
        ObjectNode header = JSON.createObjectNode();
        header.put("format_version", FORMAT_VERSION);
        return new ModelFile(header, new LinkedHashMap<>());
    }

    /** The JSON header (format_version plus whatever the model put there). */
    public ObjectNode header() {
        return header;
    }

    /** Adds an array: {@code double[]}, {@code float[]}, {@code int[]} or {@code String[]}. */
    public ModelFile put(String name, Object array) {
        if (!(array instanceof double[] || array instanceof float[] || array instanceof int[]
                || array instanceof String[])) {
            throw new IllegalArgumentException("unsupported array type for " + name);
        }
        if (name.endsWith(LENGTHS)) {
            throw new IllegalArgumentException("array names may not end with " + LENGTHS + ": " + name);
        }
        arrays.put(name, array);
        return this;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    public double[] doubles(String name) {
        return get(name, double[].class);
    }

    public float[] floats(String name) {
        return get(name, float[].class);
    }

    public int[] ints(String name) {
        return get(name, int[].class);
    }

    public String[] strings(String name) {
        return get(name, String[].class);
    }

    private <T> T get(String name, Class<T> type) {
        Object a = arrays.get(name);
        if (!type.isInstance(a)) {
            throw new ShenduException("model file: array `" + name + "` is missing or of the wrong type");
        }
        return type.cast(a);
    }

    /** Writes {@code file} (atomically). */
    public void write(Path file) {
        Map<String, Safetensors.Array> tensors = new LinkedHashMap<>();
        ArrayNode texts = JSON.createArrayNode();
        for (Map.Entry<String, Object> e : arrays.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            if (v instanceof double[] d) {
                tensors.put(name, Safetensors.Array.of(d, d.length));
            } else if (v instanceof float[] f) {
                tensors.put(name, Safetensors.Array.of(f, f.length));
            } else if (v instanceof int[] i) {
                tensors.put(name, Safetensors.Array.of(i, i.length));
            } else {
                TextArrays.put(tensors, name, (String[]) v);
                texts.add(name);
            }
        }
        try {
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", FORMAT);
            metadata.put("format_version", Integer.toString(FORMAT_VERSION));
            metadata.put("header", JSON.writeValueAsString(header));
            metadata.put("text_arrays", JSON.writeValueAsString(texts));
            Safetensors.writeFile(file, tensors, metadata);
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot write the model: " + e.getMessage());
        }
    }

    /** Reads a model file; anything else (or another format version) gives a one-line error. */
    public static ModelFile read(Path file) {
        Safetensors.Contents contents;
        try {
            if (startsWith(file, FORMAT_1_MAGIC)) {
                throw ShenduException.in(file, "model format version 1, but this shendu reads version " + FORMAT_VERSION
                        + "; retrain the model with this version");
            }
            try {
                Safetensors.readMetadata(file);
            } catch (ShenduException e) {
                throw ShenduException.in(file, "not a shendu sentiment model (not a safetensors file)");
            }
            contents = Safetensors.readFile(file);
        } catch (NoSuchFileException e) {
            throw ShenduException.in(file, "no such file");
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot read: " + e.getMessage());
        }
        Map<String, String> meta = contents.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw ShenduException.in(file, "not a shendu sentiment model (a safetensors file without format "
                    + FORMAT + ")");
        }
        String version = meta.get("format_version");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw ShenduException.in(file, "model format version " + version + ", but this shendu reads version "
                    + FORMAT_VERSION + "; retrain the model with this version");
        }
        ObjectNode header;
        java.util.Set<String> texts = new java.util.HashSet<>();
        try {
            JsonNode parsed = JSON.readTree(meta.getOrDefault("header", ""));
            if (!(parsed instanceof ObjectNode h)) {
                throw ShenduException.in(file, "damaged model header (not a JSON object)");
            }
            header = h;
            JSON.readTree(meta.getOrDefault("text_arrays", "[]")).forEach(n -> texts.add(n.asText()));
        } catch (JsonProcessingException e) {
            throw ShenduException.in(file, "damaged model header (not JSON)");
        }
        Map<String, Object> arrays = new LinkedHashMap<>();
        contents.tensors().forEach((name, a) -> {
            if (texts.contains(name)) {
                arrays.put(name, TextArrays.get(file, contents.tensors(), name));
            } else if (!(name.endsWith(LENGTHS) && texts.contains(name.substring(0, name.length() - LENGTHS.length())))) {
                arrays.put(name, a.values());
            }
        });
        return new ModelFile(header, arrays);
    }

    private static boolean startsWith(Path file, String magic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length()), magic.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
