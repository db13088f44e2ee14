package org.shendu.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.DType;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
 * mapping each name to {@code dtype}, {@code shape} and {@code data_offsets}, then the raw
 * little-endian data. PyTorch, NumPy and others read what this writes. Written to a temporary file
 * and renamed, so a crash never leaves half a file.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype() == DType.FLOAT32 ? "F32" : "I32");
            var shape = entry.putArray("shape");
            for (int d : t.dims()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + 4 * t.size());
            offset += 4 * t.size();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (Tensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(4 * t.size())).order(ByteOrder.LITTLE_ENDIAN);
                if (t.dtype() == DType.FLOAT32) {
                    buf.asFloatBuffer().put(t.toFloatArray());
                } else {
                    buf.asIntBuffer().put(t.toIntArray());
                }
                out.write(buf.array());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads every tensor onto {@code device}, in file order. */
    public static Map<String, Tensor> read(Path file, Device device) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw ShenduException.in(file, "no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw ShenduException.in(file, "too short for a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long n = lenBuf.flip().getLong();
            if (n <= 0 || 8 + n > size || n > 100_000_000) {
                throw ShenduException.in(file, "bad safetensors header length " + n);
            }
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            ch.read(hb, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw ShenduException.in(file, "safetensors header is not JSON: " + e.getOriginalMessage());
            }
            long base = 8 + n;
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode entry = e.getValue();
                String dtype = entry.path("dtype").asText();
                int[] shape = new int[entry.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = entry.path("shape").get(i).asInt();
                }
                long begin = entry.path("data_offsets").path(0).asLong(), end = entry.path("data_offsets").path(1).asLong();
                long count = 1;
                for (int d : shape) {
                    count *= d;
                }
                if (!dtype.equals("F32") && !dtype.equals("I32")) {
                    throw ShenduException.in(file, e.getKey() + ": dtype " + dtype + " is not supported (F32, I32)");
                }
                if (end - begin != 4 * count || base + end > size || begin < 0) {
                    throw ShenduException.in(file, e.getKey() + ": data offsets " + begin + ".." + end + " do not fit shape or file");
                }
                ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(data, base + begin);
                data.flip();
                if (dtype.equals("F32")) {
                    float[] f = new float[(int) count];
                    data.asFloatBuffer().get(f);
                    out.put(e.getKey(), org.shendu.core.Scope.detached(() -> device.tensor(f, shape)));
                } else {
                    int[] v = new int[(int) count];
                    data.asIntBuffer().get(v);
                    out.put(e.getKey(), org.shendu.core.Scope.detached(() -> device.ints(v, shape)));
                }
            }
            return out;
        }
    }
}
