package org.shendu.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.optim.Adam;
import org.shendu.core.optim.Sgd;

/** Traversal, buffers, freezing, weight tying and the summary of {@link Module}. */
class ModuleTest {
    private final Device device = Device.cpu();
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
        device.manualSeed(3);
    }

    @AfterEach
    void close() {
        scope.close();
    }

    /** A language model whose output projection is the embedding table (Press and Wolf 2017). */
    static final class TiedLm extends Module {
        final Embedding embedding;
        final Linear hidden;
        final Tensor projection;

        /** PyTorch's {@code decoder.weight = encoder.weight}: a module holding a shared tensor. */
        static final class Decoder extends Module {
            Decoder(Tensor shared) {
                parameter("weight", shared);
            }
        }

        TiedLm(Device device, int vocabulary, int dim) {
            embedding = module("embedding", new Embedding(device, vocabulary, dim));
            hidden = module("hidden", new Linear(device, dim, dim));
            projection = module("decoder", new Decoder(embedding.weight())).namedParameters().get("weight");
        }

        Tensor logits(Tensor ids) {
            return hidden.forward(embedding.forward(ids)).tanh().matmul(projection, false, true);
        }
    }

    @Test
    void tiedWeightIsOneParameterAndIsSteppedOnce() {
        TiedLm lm = new TiedLm(device, 5, 3);
        assertEquals(List.of("embedding.weight", "hidden.weight", "hidden.bias"), new ArrayList<>(lm.namedParameters().keySet()));
        assertEquals(5 * 3 + 3 * 3 + 3, lm.parameterCount());
        assertEquals(lm.namedParameters().keySet(), lm.stateDict().keySet());

        float[] before = lm.embedding.weight().toFloatArray();
        List<Tensor> twice = new ArrayList<>(lm.parameters());
        twice.add(lm.projection);
        Sgd sgd = new Sgd(twice, 0.5f);
        assertEquals(3, sgd.params().size());
        try (Scope step = Scope.open()) {
            Tensor ids = device.ints(new int[] {0, 2, 4}, 3);
            CrossEntropyLoss.mean(lm.logits(ids), device.ints(new int[] {1, 2, 3}, 3)).backward();
            float[] g = lm.embedding.weight().grad().toFloatArray();
            sgd.step();
            float[] after = lm.embedding.weight().toFloatArray();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] - 0.5f * g[i], after[i], 1e-6f, "element " + i);
            }
        }
    }

    @Test
    void buffersAreInTheStateButNotTrained() {
        Sequential net = new Sequential(new Linear(device, 2, 4), BatchNorm.of1d(device, 4));
        assertEquals(List.of("1.running_mean", "1.running_var"), new ArrayList<>(net.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var"),
                new ArrayList<>(net.stateDict().keySet()));
        net.namedBuffers().values().forEach(b -> assertFalse(b.requiresGrad()));
        assertEquals(4, net.parameters().size());
    }

    @Test
    void modulesAndApplyVisitEveryModuleChildrenFirst() {
        Sequential inner = new Sequential(new Linear(device, 2, 2), Activation.relu());
        Sequential net = new Sequential(inner, new Linear(device, 2, 1));
        assertEquals(List.of("", "0", "0.0", "1"), new ArrayList<>(net.namedModules().keySet()));
        assertEquals(4, net.modules().size());
        assertSame(net, net.modules().get(0));
        List<String> order = new ArrayList<>();
        Map<Module, String> names = new java.util.IdentityHashMap<>();
        net.namedModules().forEach((k, v) -> names.put(v, k));
        net.apply(m -> order.add(names.get(m)));
        assertEquals(List.of("0.0", "0", "1", ""), order);
        // Re-initialisation through apply reaches every Linear.
        net.apply(m -> {
            if (m instanceof Linear l) {
                Module.assign(l.weight(), device.zeros(l.weight().dims()));
            }
        });
        for (Module m : net.modules()) {
            if (m instanceof Linear l) {
                for (float v : l.weight().toFloatArray()) {
                    assertEquals(0f, v);
                }
            }
        }
    }

    @Test
    void frozenParametersGetNoGradientAndAreNotStepped() {
        Linear frozen = new Linear(device, 3, 3);
        Linear trained = new Linear(device, 3, 1);
        Sequential net = new Sequential(frozen, trained);
        frozen.requiresGrad(false);
        Adam adam = new Adam(net.parameters(), 0.1f);
        float[] before = frozen.weight().toFloatArray();
        float[] trainedBefore = trained.weight().toFloatArray();
        try (Scope step = Scope.open()) {
            net.forward(device.tensor(new float[] {1, 2, 3, -1, 0, 1}, 2, 3)).square().sum().backward();
            assertNull(frozen.weight().grad());
            assertNull(frozen.bias().grad());
            adam.step();
        }
        assertArrayEquals(before, frozen.weight().toFloatArray());
        assertFalse(java.util.Arrays.equals(trainedBefore, trained.weight().toFloatArray()));
        String summary = net.toString();
        assertTrue(summary.contains("Trainable params: 4"), summary);
        assertTrue(summary.contains("Non-trainable params: 12"), summary);
        net.requiresGrad(true);
        assertTrue(frozen.weight().requiresGrad());
    }

    @Test
    void summaryCountsEachLayerAndTiedWeightsOnce() {
        TiedLm lm = new TiedLm(device, 5, 3);
        String summary = lm.toString();
        String[] lines = summary.split("\n");
        assertTrue(lines[0].startsWith("Layer (type)"), summary);
        assertTrue(lines[2].matches("TiedLm\\s+27"), summary);
        assertTrue(lines[3].matches("├─embedding \\(Embedding\\)\\s+15"), summary);
        assertTrue(lines[4].matches("├─hidden \\(Linear\\)\\s+12"), summary);
        assertTrue(lines[5].matches("└─decoder \\(Decoder\\)\\s+0"), summary);
        assertTrue(summary.endsWith("Total params: 27\nTrainable params: 27\nNon-trainable params: 0"), summary);

        Sequential nested = new Sequential(new Sequential(new Linear(device, 10, 100)), Activation.relu(), new Linear(device, 100, 1));
        String s = nested.toString();
        assertTrue(s.contains("├─0 (Sequential)"), s);
        assertTrue(s.contains("│ └─0 (Linear)"), s);
        assertTrue(s.contains("└─2 (Linear)"), s);
        assertTrue(s.contains("Total params: 1,201"), s);
    }
}
