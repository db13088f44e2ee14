package org.shendu.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Safetensors.Array;

/**
 * The safetensors reader and writer against files written elsewhere: a multi-dtype golden file
 * written by an independent Python writer (struct + json + torch, {@code core/src/test/python}),
 * ours checked by the same script, and the MNIST CNN anchor written by Python's safetensors package.
 */
class SafetensorsTest {
    @TempDir
    Path dir;

    /** The values of both golden files (as in safetensors_golden.py). */
    private static Map<String, Array> golden() {
        Map<String, Array> t = new LinkedHashMap<>();
        t.put("f64", Array.of(new double[] {0.1, -2.5, 1e-300, Math.PI, -0.0, 1e300}, 2, 3));
        t.put("f32", Array.of(new float[] {1.5f, -0.33333334f, 65504f}, 3));
        t.put("bf16", Array.bf16(new float[] {1f, -2f, 0.15625f, 3.0e38f}, 2, 2));
        t.put("i64", Array.of(new long[] {-(1L << 40), 7}, 2));
        t.put("i32", Array.of(new int[] {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE}, 2, 2));
        t.put("u8", Array.of(new byte[] {0, 1, 127, (byte) 128, (byte) 255}, 5));
        return t;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SafetensorsTest.class.getResource(name).toURI());
    }

    private static void assertSameValues(Map<String, Array> expected, Map<String, Array> actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        expected.forEach((name, e) -> {
            Array a = actual.get(name);
            assertEquals(e.dtype(), a.dtype(), name);
            assertArrayEquals(e.shape(), a.shape(), name);
            switch (e.dtype()) {
                case F64 -> assertArrayEquals((double[]) e.values(), (double[]) a.values(), 0.0, name);
                case I64 -> assertArrayEquals((long[]) e.values(), (long[]) a.values(), name);
                case I32 -> assertArrayEquals((int[]) e.values(), (int[]) a.values(), name);
                case U8 -> assertArrayEquals((byte[]) e.values(), (byte[]) a.values(), name);
                default -> assertArrayEquals((float[]) e.values(), (float[]) a.values(), 0f, name);
            }
        });
    }

    @Test
    void readsTheFileOfAnIndependentPythonWriter() throws Exception {
        Safetensors.Contents c = Safetensors.readFile(resource("golden-python.safetensors"));
        Map<String, Array> expected = golden();
        // 3.0e38 is not a bfloat16: torch rounded it to the nearest one.
        ((float[]) expected.get("bf16").values())[3] = Float.intBitsToFloat(0x7F62 << 16);
        assertSameValues(expected, c.tensors());
        assertEquals(Map.of("made_by", "python struct+json+torch", "purpose", "golden"), c.metadata());
    }

    @Test
    void writesTheGoldenFileThatPythonChecked() throws Exception {
        // golden-java.safetensors was written by this writer and parsed by safetensors_golden.py check
        // (struct + json + torch.frombuffer): every value, the metadata and the checksum matched.
        Path out = dir.resolve("golden-java.safetensors");
        Safetensors.writeFile(out, golden(), Map.of("made_by", "shendu Safetensors.writeFile"));
        assertArrayEquals(Files.readAllBytes(resource("golden-java.safetensors")), Files.readAllBytes(out));
        Safetensors.Contents back = Safetensors.readFile(out);
        Map<String, Array> expected = golden();
        ((float[]) expected.get("bf16").values())[3] = Float.intBitsToFloat(0x7F62 << 16);
        assertSameValues(expected, back.tensors());
        assertEquals(Map.of("made_by", "shendu Safetensors.writeFile"), back.metadata());
    }

    @Test
    void bfloat16RoundsToNearestEvenAsTorchDoes() {
        // torch 1.13: torch.tensor([...], dtype=torch.float32).to(torch.bfloat16).view(torch.int16)
        float[] in = {1.00390625f, 1.01171875f, 0.1f, -3.3f, 3.4e38f, Float.POSITIVE_INFINITY};
        short[] torch = {16256, 16258, 15821, -16301, 32640, 32640};
        for (int i = 0; i < in.length; i++) {
            assertEquals(torch[i], Safetensors.toBf16(in[i]), "value " + in[i]);
        }
        assertTrue(Float.isNaN(Float.intBitsToFloat(Safetensors.toBf16(Float.NaN) << 16)));
    }

    @Test
    void theSameContentsGiveTheSameBytes() throws Exception {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("z", "1");
        meta.put("a", "2");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("a", "2");
        reversed.put("z", "1");
        Safetensors.writeFile(dir.resolve("one"), golden(), meta);
        Safetensors.writeFile(dir.resolve("two"), golden(), reversed);
        assertArrayEquals(Files.readAllBytes(dir.resolve("one")), Files.readAllBytes(dir.resolve("two")));
    }

    @Test
    void aFileWithDamagedWeightsIsRefusedInOneLine() throws Exception {
        Path file = dir.resolve("model.safetensors");
        float[] w = new float[1000];
        for (int i = 0; i < w.length; i++) {
            w[i] = i * 0.001f;
        }
        Safetensors.writeFile(file, Map.of("w", Array.of(w, 10, 100)), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random random = new Random(1);
        for (int i = (int) (8 + header) + 400; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Path damaged = dir.resolve("damaged.safetensors");
        Files.write(damaged, bytes);
        ShenduException e = assertThrows(ShenduException.class, () -> Safetensors.readFile(damaged));
        assertEquals(damaged + ": damaged: its tensor data does not match the checksum in its header; restore the file or"
                + " save it again", e.getMessage());
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 100));
        e = assertThrows(ShenduException.class, () -> Safetensors.readFile(cut));
        assertEquals(cut + ": truncated: the data of w ends after the end of the file", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void readsTheMnistCnnAnchorWrittenByPythonSafetensors() throws Exception {
        String root = System.getenv().getOrDefault("SHENDU_ANCHORS", "/work/shared/anchors");
        Path file = Path.of(root, "quality", "mnist_cnn_fid.safetensors");
        if (!Files.isRegularFile(file)) {
            System.out.println("SafetensorsTest: skipping the anchor check, no " + file + " (set SHENDU_ANCHORS)");
        }
        assumeTrue(Files.isRegularFile(file));
        Safetensors.Contents c = Safetensors.readFile(file);
        assertEquals("0.9905", c.metadata().get("test_accuracy"));
        // name, shape, SHA-256 of the raw bytes, float64 sum, first and last value: from
        // `safetensors_golden.py anchor` (struct + json + torch.frombuffer).
        Object[][] expected = {
            {"conv1.bias", new int[] {32}, "b184e73bce1669c32ef74f97e9fdcbd570d6cbba3a5ad2121d1eefef4f4519c7", 1.4647333375432936, 0.043082233518362045, 0.16928038001060486},
            {"conv1.weight", new int[] {32, 1, 5, 5}, "0f0673e555045f5721367c9115e58696a9a7361e4d012aad54422da5ce72e858", 16.824048867623787, 0.14019005000591278, -0.06924083083868027},
            {"conv2.bias", new int[] {64}, "4beb0bfb022a71c38a4bde8cd2ebd35082110eac1d64451aa28db58338d5afec", -0.12128763162763789, -0.022757016122341156, 0.021199874579906464},
            {"conv2.weight", new int[] {64, 32, 5, 5}, "b551ed88c54eaade7b5203d0e86d2ec4e4c7cab29c7faa4b2ee20be46a87c9a3", -47.69643985744858, 0.03921837732195854, -0.04420693218708038},
            {"fc1.bias", new int[] {1024}, "fcf93a4a2932461bd7d935aee37e17787f70506462e46228d29b50d3ef2a1590", 0.7044655997722202, -0.012811839580535889, -0.002113125752657652},
            {"fc1.weight", new int[] {1024, 3136}, "82e4040e76dae6d3ced1203531d72d6da6f9791b2adfdffc29c89dce05567dc4", -934.8231312376773, -0.007667006459087133, 0.007870468311011791},
            {"fc2.bias", new int[] {10}, "bde1c1c2e5e185ad37a8d1e890cb51f73181ee1a35637210f3a4cde747100426", 0.10350639931857586, 0.03253869712352753, 0.01608271710574627},
            {"fc2.weight", new int[] {10, 1024}, "fe684777cef1a385c3bfaa11382bac39b50968124648ab134a29bac4451f7354", -24.934441803907248, -0.046123046427965164, 0.015850193798542023},
        };
        assertEquals(expected.length, c.tensors().size());
        for (Object[] row : expected) {
            String name = (String) row[0];
            Array a = c.tensors().get(name);
            assertEquals(Safetensors.Dtype.F32, a.dtype(), name);
            assertArrayEquals((int[]) row[1], a.shape(), name);
            float[] v = (float[]) a.values();
            ByteBuffer raw = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(v);
            assertEquals(row[2], HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.array())), name);
            double sum = 0;
            for (float x : v) {
                sum += x;
            }
            assertEquals((double) row[3], sum, 1e-9 * Math.max(1, Math.abs(sum)) + 1e-9, name);
            assertEquals((double) row[4], v[0], 0.0, name);
            assertEquals((double) row[5], v[v.length - 1], 0.0, name);
        }
    }
}
