package org.shendu.sentiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.ShenduException;

/**
 * The container of a saved sentiment model: a magic line, one line of JSON (the header: format
 * version, the model's description, and the name, type and length of each array), then the arrays'
 * raw data in header order, big-endian. Array types: {@code f64}, {@code f32}, {@code i32} and
 * {@code strings} (UTF-8 texts, each preceded by its byte length as an i32).
 *
 * <p>Files are written to a temporary name and renamed, so a crash never leaves half a model.
 */
public final class ModelFile {
    /** The first line of every model file. */
    static final String MAGIC = "SHENDU-SENTIMENT-MODEL";
    /** Bumped whenever the layout or the meaning of a field changes. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_HEADER = 1 << 24;

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

    /** Writes to a temporary file beside {@code file}, then renames it. */
    public void write(Path file) {
        ArrayNode index = header.putArray("arrays");
        for (Map.Entry<String, Object> e : arrays.entrySet()) {
            ObjectNode a = index.addObject();
            a.put("name", e.getKey());
            Object v = e.getValue();
            a.put("type", v instanceof double[] ? "f64" : v instanceof float[] ? "f32" : v instanceof int[] ? "i32"
                    : "strings");
            a.put("length", java.lang.reflect.Array.getLength(v));
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream raw = Files.newOutputStream(tmp);
                     DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                    out.write((MAGIC + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(JSON.writeValueAsBytes(header));
                    out.write('\n');
                    for (Object v : arrays.values()) {
                        writeArray(out, v);
                    }
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot write the model: " + e.getMessage());
        } finally {
            header.remove("arrays");
        }
    }

    private static void writeArray(DataOutputStream out, Object v) throws IOException {
        if (v instanceof double[] d) {
            for (double x : d) {
                out.writeDouble(x);
            }
        } else if (v instanceof float[] f) {
            for (float x : f) {
                out.writeFloat(x);
            }
        } else if (v instanceof int[] ints) {
            for (int x : ints) {
                out.writeInt(x);
            }
        } else {
            for (String s : (String[]) v) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** Reads a model file; anything else (or another format version) gives a one-line error. */
    public static ModelFile read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(MAGIC.length() + 1);
            if (!Arrays.equals(magic, (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII))) {
                throw ShenduException.in(file, "not a shendu sentiment model (it does not start with " + MAGIC + ")");
            }
            byte[] headerBytes = readLine(in, file);
            JsonNode parsed;
            try {
                parsed = JSON.readTree(headerBytes);
            } catch (JsonProcessingException e) {
                throw ShenduException.in(file, "damaged model header (not JSON)");
            }
            if (!(parsed instanceof ObjectNode header) || !header.path("format_version").isInt()) {
                throw ShenduException.in(file, "damaged model header (no format_version)");
            }
            int version = header.get("format_version").asInt();
            if (version != FORMAT_VERSION) {
                throw ShenduException.in(file, "model format version " + version + ", but this shendu reads version "
                        + FORMAT_VERSION + "; retrain the model with this version");
            }
            Map<String, Object> arrays = new LinkedHashMap<>();
            for (JsonNode a : header.path("arrays")) {
                String name = a.path("name").asText();
                long length = a.path("length").asLong(-1);
                if (length < 0 || length > Integer.MAX_VALUE - 8) {
                    throw ShenduException.in(file, "damaged model header (bad length of `" + name + "`)");
                }
                arrays.put(name, readArray(in, a.path("type").asText(), (int) length, file, name));
            }
            if (in.read() >= 0) {
                throw ShenduException.in(file, "damaged model (data after the last array)");
            }
            header.remove("arrays");
            return new ModelFile(header, arrays);
        } catch (NoSuchFileException e) {
            throw ShenduException.in(file, "no such file");
        } catch (EOFException e) {
            throw ShenduException.in(file, "damaged model (the file ends early)");
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot read: " + e.getMessage());
        }
    }

    private static byte[] readLine(DataInputStream in, Path file) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException();
            }
            if (line.size() >= MAX_HEADER) {
                throw ShenduException.in(file, "damaged model header (too long)");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private static Object readArray(DataInputStream in, String type, int n, Path file, String name) throws IOException {
        switch (type) {
            case "f64" -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = in.readDouble();
                }
                return d;
            }
            case "f32" -> {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = in.readFloat();
                }
                return f;
            }
            case "i32" -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readInt();
                }
                return v;
            }
            case "strings" -> {
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    int len = in.readInt();
                    if (len < 0 || len > MAX_HEADER) {
                        throw ShenduException.in(file, "damaged model (bad string length in `" + name + "`)");
                    }
                    byte[] bytes = in.readNBytes(len);
                    if (bytes.length != len) {
                        throw new EOFException();
                    }
                    s[i] = new String(bytes, StandardCharsets.UTF_8);
                }
                return s;
            }
            default -> throw ShenduException.in(file, "damaged model header (array type `" + type + "`)");
        }
    }
}
