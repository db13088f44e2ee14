package org.shendu.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.Dropout;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Sequential;
import org.shendu.core.optim.Adam;

/** Multi-model checkpoints: bit-exact resume, stable bytes, atomic replacement, damage, format 1. */
class CheckpointTest {
    private static final int STEPS = 6;
    private final Device device = Device.cpu();
    private Scope scope;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    /** A GAN-shaped run: two modules (one with dropout and batch norm), two Adams, noise from the device. */
    private final class Run {
        final Sequential g = new Sequential(new Linear(device, 3, 8), Activation.relu(), new Dropout(0.3f),
                BatchNorm.of1d(device, 8), new Linear(device, 8, 4));
        final Sequential d = new Sequential(new Linear(device, 4, 6), Activation.tanh(), new Dropout(0.5f),
                new Linear(device, 6, 1));
        final Adam optG = Adam.builder(g.parameters(), 0.01f).betas(0.5f, 0.999f).build();
        final Adam optD = Adam.adamW(d.parameters(), 0.02f, 0.01f);

        Checkpoint checkpoint() {
            return Checkpoint.of("test-gan").module("generator", g).module("discriminator", d)
                    .optimizer("generator", optG).optimizer("discriminator", optD).rng(device);
        }

        void train(int from, int to) {
            for (int step = from; step < to; step++) {
                Random data = new Random(step);
                float[] x = new float[5 * 4];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) data.nextGaussian();
                }
                try (Scope s = Scope.open()) {
                    Tensor z = device.normal(0f, 1f, 5, 3);
                    Tensor fake = g.forward(z);
                    optD.zeroGrad();
                    d.forward(device.tensor(x, 5, 4)).sub(d.forward(fake.detach())).square().mean().backward();
                    optD.step();
                    optG.zeroGrad();
                    d.forward(fake).square().mean().backward();
                    optG.step();
                }
            }
        }

        Map<String, float[]> weights() {
            Map<String, float[]> out = new LinkedHashMap<>();
            g.stateDict().forEach((k, v) -> out.put("g." + k, v.toFloatArray()));
            d.stateDict().forEach((k, v) -> out.put("d." + k, v.toFloatArray()));
            optG.state().forEach((k, v) -> out.put("optG." + k, v.toFloatArray()));
            return out;
        }

        void free() {
            g.close();
            d.close();
        }
    }

    private static void assertBitwiseEqual(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, e) -> {
            float[] a = actual.get(k);
            assertEquals(e.length, a.length, k);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]), k + "[" + i + "]");
            }
        });
    }

    @Test
    void resumingContinuesBitForBit() throws Exception {
        device.manualSeed(42);
        Run straight = new Run();
        straight.train(0, STEPS);
        Map<String, float[]> expected = straight.weights();
        long rngAfter = device.rngState();
        straight.free();

        device.manualSeed(42);
        Run first = new Run();
        first.train(0, STEPS / 2);
        first.checkpoint().step(STEPS / 2).seed(42).extra("note", "half way").save(dir.resolve("ckpt"));
        first.free();

        device.manualSeed(7); // the fresh objects are initialised from another sequence: all of it must be restored
        Run resumed = new Run();
        Checkpoint.Info info = resumed.checkpoint().load(dir.resolve("ckpt"));
        assertEquals(STEPS / 2, info.step());
        assertEquals(42, info.seed());
        assertEquals("half way", info.extra().get("note"));
        assertEquals(STEPS / 2, resumed.optG.steps());
        resumed.train(STEPS / 2, STEPS);
        assertBitwiseEqual(expected, resumed.weights());
        assertEquals(rngAfter, device.rngState());
        resumed.free();
    }

    @Test
    void anExportedModelShipsAsBf16ResourcesAndLoadsBack() throws Exception {
        device.manualSeed(3);
        Run run = new Run();
        run.train(0, 2);
        run.checkpoint().step(2).seed(3).config(Map.of("hidden", 8)).extra("vocabulary", "abc").save(dir.resolve("full"));
        Checkpoint.exportWeights(dir.resolve("full"), dir.resolve("res/models/tiny"), true);
        Path shipped = dir.resolve("res/models/tiny");
        Checkpoint.Info info = Checkpoint.info(shipped);
        assertEquals(Map.of(), info.optimizers());
        assertEquals(Map.of(), info.rng());
        assertEquals("abc", info.extra().get("vocabulary"));
        assertEquals(2, info.step());
        try (Stream<Path> files = Files.list(shipped)) {
            assertEquals(List.of("checkpoint.json", "discriminator.safetensors", "generator.safetensors"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        Safetensors.readFile(shipped.resolve("generator.safetensors")).tensors().forEach((name, a) ->
                assertTrue(a.dtype() == Safetensors.Dtype.BF16 || !(a.values() instanceof float[]), name + " is " + a.dtype()));

        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.resolve("res").toUri().toURL()}, null)) {
            assertTrue(Checkpoint.fromResources(loader, "models/none").isEmpty());
            Path copy = Checkpoint.fromResources(loader, "models/tiny").orElseThrow();
            Run loaded = new Run();
            Checkpoint.of("test-gan").module("generator", loaded.g).module("discriminator", loaded.d).load(copy);
            // Every weight is the bfloat16 rounding of the trained one: within 2^-8 relative, and most are not exact.
            Map<String, float[]> before = run.weights(), after = loaded.weights();
            int inexact = 0;
            for (String k : before.keySet()) {
                if (k.startsWith("optG.")) {
                    continue;
                }
                float[] e = before.get(k), a = after.get(k);
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], Math.abs(e[i]) / 256 + 1e-30, k + "[" + i + "]");
                    inexact += e[i] != a[i] ? 1 : 0;
                }
            }
            assertTrue(inexact > 10, "weights were not rounded to bfloat16");
            loaded.free();
        }
        Checkpoint.exportWeights(dir.resolve("full"), dir.resolve("g-only"), false, "generator");
        assertEquals(Map.of("generator", "generator.safetensors"), Checkpoint.info(dir.resolve("g-only")).modules());
        ShenduException e = assertThrows(ShenduException.class,
                () -> Checkpoint.exportWeights(dir.resolve("full"), dir.resolve("x"), true, "critic"));
        assertTrue(e.getMessage().contains("no module 'critic'"), e.getMessage());
        run.free();
    }

    @Test
    void theSameStateGivesTheSameBytes() throws Exception {
        device.manualSeed(1);
        Run run = new Run();
        run.train(0, 2);
        run.checkpoint().config(Map.of("z", 1, "a", List.of(1, 2), "m", Map.of("y", 2, "b", 3))).extra("k", 1)
                .save(dir.resolve("one"));
        run.checkpoint().config(Map.of("m", Map.of("b", 3, "y", 2), "a", List.of(1, 2), "z", 1)).extra("k", 1)
                .save(dir.resolve("two"));
        List<String> names;
        try (Stream<Path> s = Files.list(dir.resolve("one"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("checkpoint.json", "discriminator.safetensors", "generator.safetensors",
                "optimizer-discriminator.safetensors", "optimizer-generator.safetensors"), names);
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(n)), Files.readAllBytes(dir.resolve("two").resolve(n)), n);
        }
        run.free();
    }

    @Test
    void aCrashDuringSaveLeavesThePreviousCheckpointWhole() throws Exception {
        device.manualSeed(2);
        Run run = new Run();
        Path ckpt = dir.resolve("ckpt");
        run.checkpoint().step(1).save(ckpt);
        byte[] before = Files.readAllBytes(ckpt.resolve("generator.safetensors"));
        run.train(0, 1);
        org.shendu.core.nn.Module broken = new org.shendu.core.nn.Module() {
            @Override
            public Map<String, Tensor> stateDict() {
                throw new IllegalStateException("crash while saving");
            }
        };
        Checkpoint c = run.checkpoint().module("zz_broken", broken).step(2);
        assertThrows(IllegalStateException.class, () -> c.save(ckpt));
        assertArrayEquals(before, Files.readAllBytes(ckpt.resolve("generator.safetensors")));
        assertEquals(1, Checkpoint.info(ckpt).step());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("ckpt"), s.map(p -> p.getFileName().toString()).toList());
        }
        run.free();
    }

    @Test
    void aDamagedModuleFileIsRefusedAndAMissingModuleNamed() throws Exception {
        device.manualSeed(3);
        Run run = new Run();
        Path ckpt = dir.resolve("ckpt");
        run.checkpoint().save(ckpt);
        Path gen = ckpt.resolve("generator.safetensors");
        byte[] bytes = Files.readAllBytes(gen);
        long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random random = new Random(5);
        for (int i = (int) (8 + header); i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Files.write(gen, bytes);
        ShenduException e = assertThrows(ShenduException.class, () -> new Run().checkpoint().load(ckpt));
        assertEquals(gen.toAbsolutePath().normalize().toString(), Path.of(e.getMessage().split(": ")[0]).toAbsolutePath().normalize().toString());
        assertTrue(e.getMessage().endsWith("damaged: its tensor data does not match the checksum in its header; restore the"
                + " file or save it again"), e.getMessage());
        e = assertThrows(ShenduException.class, () -> Checkpoint.of("test-gan").module("critic", run.d).load(ckpt));
        assertEquals(ckpt + ": has no module 'critic' (it holds [discriminator, generator])", e.getMessage());
        // The discriminator alone loads from a GAN checkpoint (its file is intact).
        Checkpoint.of("test-gan").module("discriminator", new Run().d).load(ckpt);
        e = assertThrows(ShenduException.class, () -> Checkpoint.of("mnist_cnn").load(ckpt));
        assertEquals(ckpt + ": holds a 'test-gan' checkpoint, not 'mnist_cnn'", e.getMessage());
        run.free();
    }

    @Test
    void aFolderWithOtherFilesIsNeverReplaced() throws Exception {
        Path notes = Files.createDirectories(dir.resolve("work"));
        Files.writeString(notes.resolve("thesis.tex"), "months of work");
        Run run = new Run();
        ShenduException e = assertThrows(ShenduException.class, () -> run.checkpoint().save(notes));
        assertEquals(notes + ": is a folder with other files in it, not a checkpoint; saving replaces the whole folder, so"
                + " give a new or empty one", e.getMessage());
        assertEquals("months of work", Files.readString(notes.resolve("thesis.tex")));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        run.checkpoint().save(empty);
        run.checkpoint().save(empty);
        assertTrue(Files.isRegularFile(empty.resolve("checkpoint.json")));
        run.free();
    }

    @Test
    void aFormat1FolderStillLoads() throws Exception {
        device.manualSeed(4);
        Sequential model = new Sequential(new Linear(device, 3, 2));
        Adam adam = new Adam(model.parameters(), 0.05f);
        try (Scope s = Scope.open()) {
            model.forward(device.tensor(new float[] {1, 2, 3}, 1, 3)).sum().backward();
            adam.step();
        }
        Path old = Files.createDirectories(dir.resolve("v1"));
        Safetensors.write(old.resolve("model.safetensors"), model.stateDict(), Map.of("format", "pt", "kind", "tiny"));
        Safetensors.write(old.resolve("optimizer.safetensors"), adam.state(), Map.of());
        Files.writeString(old.resolve("checkpoint.json"), "{\"formatVersion\":1,\"kind\":\"tiny\",\"config\":{\"hidden\":2},"
                + "\"optimizer\":{\"name\":\"adam\",\"lr\":0.05},\"optimizerSteps\":1,\"step\":9,\"seed\":5,\"extra\":{}}");
        Sequential copy = new Sequential(new Linear(device, 3, 2));
        Adam adam2 = new Adam(copy.parameters(), 0.01f);
        Checkpoint.Info info = Checkpoint.load(old, copy, adam2);
        assertEquals(1, info.formatVersion());
        assertEquals(9, info.step());
        assertEquals("adam", info.optimizer().get("name"));
        assertEquals(1, adam2.steps());
        assertEquals(0.05f, adam2.learningRate());
        model.stateDict().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), copy.stateDict().get(k).toFloatArray(), k));
        adam.state().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), adam2.state().get(k).toFloatArray(), k));
    }
}
