package org.shendu.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.shendu.core.DType;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
 * mapping each name to {@code dtype}, {@code shape} and {@code data_offsets} (plus an optional
 * {@code __metadata__} of string to string), then the raw little-endian data. PyTorch, NumPy and
 * others read what this writes.
 *
 * <p>Element types: {@code F64}, {@code F32}, {@code BF16}, {@code I64}, {@code I32}, {@code U8}
 * ({@link Array} holds them as {@code double[]}, {@code float[]}, {@code float[]} (rounded to the
 * nearest bfloat16 when written), {@code long[]}, {@code int[]} and {@code byte[]}).
 *
 * <p>What this writes is the same bytes for the same contents: tensors in the order given,
 * metadata keys sorted, no timestamps. It adds {@value #CHECKSUM_KEY} to the metadata: the SHA-256
 * of the data section, which {@link #readFile} checks, so a file whose weights were damaged is
 * refused with one line instead of loading garbage. Files are replaced atomically
 * ({@link AtomicFiles}).
 */
public final class Safetensors {
    /** The metadata key holding the hex SHA-256 of the data section. */
    public static final String CHECKSUM_KEY = "shendu.data_sha256";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100_000_000L;
    private static final int CHUNK = 1 << 16;

    /** The element types this reads and writes, with their size in bytes. */
    public enum Dtype {
        F64(8), F32(4), BF16(2), I64(8), I32(4), U8(1);

        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }
    }

    /**
     * One tensor on the host: its element type, shape and values, as {@code double[]} (F64),
     * {@code float[]} (F32, BF16), {@code long[]} (I64), {@code int[]} (I32) or {@code byte[]} (U8).
     */
    public record Array(Dtype dtype, int[] shape, Object values) {
        public Array {
            shape = shape.clone();
            long n = count(shape);
            Class<?> expected = switch (dtype) {
                case F64 -> double[].class;
                case F32, BF16 -> float[].class;
                case I64 -> long[].class;
                case I32 -> int[].class;
                case U8 -> byte[].class;
            };
            if (!expected.isInstance(values) || java.lang.reflect.Array.getLength(values) != n) {
                throw new IllegalArgumentException(dtype + " " + Arrays.toString(shape) + " needs a "
                        + expected.getSimpleName() + " of " + n + " values");
            }
        }

        public static Array of(double[] v, int... shape) {
            return new Array(Dtype.F64, shape, v);
        }

        public static Array of(float[] v, int... shape) {
            return new Array(Dtype.F32, shape, v);
        }

        public static Array of(long[] v, int... shape) {
            return new Array(Dtype.I64, shape, v);
        }

        public static Array of(int[] v, int... shape) {
            return new Array(Dtype.I32, shape, v);
        }

        public static Array of(byte[] v, int... shape) {
            return new Array(Dtype.U8, shape, v);
        }

        /** Float values stored as bfloat16 (the top 16 bits of float32, rounded to nearest even). */
        public static Array bf16(float[] v, int... shape) {
            return new Array(Dtype.BF16, shape, v);
        }

        public long size() {
            return count(shape);
        }
    }

    /** A file's tensors in file order and its metadata (without the checksum entry). */
    public record Contents(Map<String, Array> tensors, Map<String, String> metadata) {}

    private Safetensors() {}

    // ---- host arrays ---------------------------------------------------------------------------

    /** Writes {@code tensors} (in map order) with {@code metadata} (may be null) to {@code file}. */
    public static void writeFile(Path file, Map<String, Array> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode entries = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Array> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("__metadata__ is not a tensor name");
            }
            Array a = e.getValue();
            ObjectNode entry = entries.putObject(e.getKey());
            entry.put("dtype", a.dtype().name());
            var shape = entry.putArray("shape");
            for (int d : a.shape()) {
                shape.add(d);
            }
            long bytes = a.size() * a.dtype().bytes;
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        MessageDigest sha = sha256();
        for (Array a : tensors.values()) {
            encode(a, chunk -> sha.update(chunk.array(), 0, chunk.limit()));
        }
        Map<String, String> meta = new TreeMap<>();
        if (metadata != null) {
            meta.putAll(metadata);
        }
        meta.put(CHECKSUM_KEY, HexFormat.of().formatHex(sha.digest()));
        ObjectNode header = JSON.createObjectNode();
        ObjectNode m = header.putObject("__metadata__");
        meta.forEach(m::put);
        header.setAll(entries);
        byte[] json = JSON.writeValueAsBytes(header);
        // Padded with spaces to a multiple of 8 so the data is aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (Array a : tensors.values()) {
                encode(a, chunk -> {
                    try {
                        out.write(chunk.array(), 0, chunk.limit());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        });
    }

    /**
     * Reads every tensor in file order; refuses (one line) a file that is not safetensors, whose
     * offsets do not fit, or whose data does not match its {@value #CHECKSUM_KEY}.
     */
    public static Contents readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw ShenduException.in(file, "no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = readHeader(ch, file);
            JsonNode header = h.json();
            long n = h.length();
            long base = 8 + n;
            Map<String, String> metadata = new LinkedHashMap<>();
            header.path("__metadata__").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            String expected = metadata.remove(CHECKSUM_KEY);
            MessageDigest sha = sha256();
            Map<String, Array> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), readEntry(ch, file, e.getKey(), e.getValue(), base, size, sha));
            }
            if (expected != null && !expected.equals(HexFormat.of().formatHex(sha.digest()))) {
                throw ShenduException.in(file, "damaged: its tensor data does not match the checksum in its header;"
                        + " restore the file or save it again");
            }
            return new Contents(out, metadata);
        }
    }

    /**
     * The metadata of a safetensors file without reading its tensors (what a loader checks to tell
     * its own files from others); a file that is not safetensors gives a one-line error.
     */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode header = readHeader(ch, file).json();
            Map<String, String> metadata = new LinkedHashMap<>();
            header.path("__metadata__").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            metadata.remove(CHECKSUM_KEY);
            return metadata;
        }
    }

    private record Header(JsonNode json, long length) {}

    private static Header readHeader(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw ShenduException.in(file, "too short for a safetensors file (" + size + " bytes)");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.flip().getLong();
        if (n <= 0 || n > MAX_HEADER) {
            throw ShenduException.in(file, "not a safetensors file (bad header length " + n + ")");
        }
        if (8 + n > size) {
            throw ShenduException.in(file, "truncated, or not a safetensors file (a header of " + n
                    + " bytes in a file of " + size + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        JsonNode header;
        try {
            header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw ShenduException.in(file, "safetensors header is not JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw ShenduException.in(file, "safetensors header is not a JSON object");
        }
        return new Header(header, n);
    }

    private static Array readEntry(FileChannel ch, Path file, String name, JsonNode entry, long base, long size,
                                   MessageDigest sha) throws IOException {
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(entry.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw ShenduException.in(file, name + ": dtype " + entry.path("dtype").asText()
                    + " is not supported (F64, F32, BF16, I64, I32, U8)");
        }
        JsonNode dims = entry.path("shape");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i).asLong(-1);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw ShenduException.in(file, name + ": bad shape " + dims);
            }
            shape[i] = (int) d;
        }
        long begin = entry.path("data_offsets").path(0).asLong(-1), end = entry.path("data_offsets").path(1).asLong(-1);
        long count = count(shape);
        if (begin < 0 || end - begin != count * dtype.bytes || count > Integer.MAX_VALUE - 8) {
            throw ShenduException.in(file, name + ": data offsets " + begin + ".." + end + " do not fit shape "
                    + Arrays.toString(shape) + " " + dtype);
        }
        if (base + end > size) {
            throw ShenduException.in(file, "truncated: the data of " + name + " ends after the end of the file");
        }
        int c = (int) count;
        Object values = switch (dtype) {
            case F64 -> new double[c];
            case F32, BF16 -> new float[c];
            case I64 -> new long[c];
            case I32 -> new int[c];
            case U8 -> new byte[c];
        };
        // Chunk by chunk, so a large matrix is read without a second copy of its bytes.
        int width = dtype.bytes, per = CHUNK / width;
        ByteBuffer buf = ByteBuffer.allocate(per * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < c; from += per) {
            int n = Math.min(per, c - from);
            buf.clear().limit(n * width);
            readFully(ch, buf, base + begin + (long) from * width);
            sha.update(buf.array(), 0, n * width);
            buf.flip();
            switch (dtype) {
                case F64 -> buf.asDoubleBuffer().get((double[]) values, from, n);
                case F32 -> buf.asFloatBuffer().get((float[]) values, from, n);
                case BF16 -> {
                    float[] v = (float[]) values;
                    for (int k = 0; k < n; k++) {
                        v[from + k] = Float.intBitsToFloat((buf.getShort(2 * k) & 0xFFFF) << 16);
                    }
                }
                case I64 -> buf.asLongBuffer().get((long[]) values, from, n);
                case I32 -> buf.asIntBuffer().get((int[]) values, from, n);
                case U8 -> buf.get((byte[]) values, from, n);
            }
        }
        return new Array(dtype, shape, values);
    }

    /**
     * Hands {@code a}'s little-endian bytes to {@code sink} in chunks of at most 64 KiB (one reused
     * buffer, positioned at 0 with its limit at the chunk's end), so a large matrix is never copied whole.
     */
    private static void encode(Array a, java.util.function.Consumer<ByteBuffer> sink) {
        int width = a.dtype().bytes;
        int per = CHUNK / width;
        ByteBuffer buf = ByteBuffer.allocate(per * width).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) a.size();
        for (int from = 0; from < n; from += per) {
            int count = Math.min(per, n - from);
            buf.clear();
            switch (a.dtype()) {
                case F64 -> buf.asDoubleBuffer().put((double[]) a.values(), from, count);
                case F32 -> buf.asFloatBuffer().put((float[]) a.values(), from, count);
                case BF16 -> {
                    float[] f = (float[]) a.values();
                    for (int i = 0; i < count; i++) {
                        buf.putShort(2 * i, toBf16(f[from + i]));
                    }
                }
                case I64 -> buf.asLongBuffer().put((long[]) a.values(), from, count);
                case I32 -> buf.asIntBuffer().put((int[]) a.values(), from, count);
                case U8 -> buf.put((byte[]) a.values(), from, count);
            }
            buf.position(0).limit(count * width);
            sink.accept(buf);
        }
    }

    /** float32 to bfloat16 bits, rounding to nearest even (as PyTorch's {@code .to(torch.bfloat16)}); NaN stays NaN. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    // ---- tensors -------------------------------------------------------------------------------

    /** Writes float32 and int32 tensors (as F32 and I32) with {@code metadata} (may be null). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        tensors.forEach((k, t) -> arrays.put(k, t.dtype() == DType.FLOAT32
                ? Array.of(t.toFloatArray(), t.dims()) : Array.of(t.toIntArray(), t.dims())));
        writeFile(file, arrays, metadata);
    }

    /**
     * Reads every tensor onto {@code device}, in file order, outside any scope: floating types (F64,
     * BF16 too) become float32 tensors, integer types int32 (an I64 value outside int32 is refused).
     */
    public static Map<String, Tensor> read(Path file, Device device) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        readFile(file).tensors().forEach((name, a) -> out.put(name, Scope.detached(() -> toTensor(file, name, a, device))));
        return out;
    }

    private static Tensor toTensor(Path file, String name, Array a, Device device) {
        switch (a.dtype()) {
            case F32, BF16:
                return device.tensor((float[]) a.values(), a.shape());
            case F64: {
                double[] d = (double[]) a.values();
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                return device.tensor(f, a.shape());
            }
            case I32:
                return device.ints((int[]) a.values(), a.shape());
            case I64: {
                long[] l = (long[]) a.values();
                int[] v = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    if (l[i] != (int) l[i]) {
                        throw ShenduException.in(file, name + ": I64 value " + l[i] + " does not fit an int32 tensor");
                    }
                    v[i] = (int) l[i];
                }
                return device.ints(v, a.shape());
            }
            default: {
                byte[] b = (byte[]) a.values();
                int[] v = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    v[i] = b[i] & 0xFF;
                }
                return device.ints(v, a.shape());
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Fills {@code buf} from its position to its limit with the file's bytes from {@code position} on. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        int start = buf.position();
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position() - start);
            if (r < 0) {
                throw new java.io.EOFException();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
