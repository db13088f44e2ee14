package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Safetensors;
import org.shendu.core.nn.Recurrent;
import org.shendu.core.sample.Sampler;

class PoetryTrainerTest {
    private static final PoetryCorpus CORPUS = PoetryCorpus.prepare(PoetryCorpus.readSample());

    private static PoetryTrainer.Config config(long steps) {
        var model = new CharLanguageModel.Config(CORPUS.vocabulary().size(), Recurrent.Cell.LSTM, 16, 32, 1, 0f, false);
        return new PoetryTrainer.Config(model, steps, 0, 8, 16, 1e-2f, 5f, 3, 7);
    }

    @Test
    void lossFallsAndResumingGivesTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Device d = Device.cpu().threads(1);
        PoetryTrainer.Result whole = PoetryTrainer.train(d, CORPUS, config(6), tmp.resolve("a"), false, Progress.Factory.NONE);
        List<PoetryTrainer.Point> c = whole.curve();
        assertEquals(List.of(3L, 6L), c.stream().map(PoetryTrainer.Point::step).toList());
        assertTrue(c.get(1).validationNll() < c.get(0).validationNll(), c.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("a/best/model.safetensors")));
        assertTrue(Files.size(tmp.resolve("a/loss.png")) > 1000);

        PoetryTrainer.train(d, CORPUS, config(3), tmp.resolve("b"), false, Progress.Factory.NONE);
        PoetryTrainer.Result resumed = PoetryTrainer.train(d, CORPUS, config(6), tmp.resolve("b"), true, Progress.Factory.NONE);
        assertEquals(c.get(1).validationNll(), resumed.curve().get(1).validationNll(), 1e-6);
        assertEquals(2, resumed.curve().size());

        try (PoetryModel m = PoetryModel.load(whole.bestCheckpoint(), d)) {
            assertEquals(6, m.step());
            assertEquals(c.get(1).validationNll(), Perplexity.perPoem(m.network(), CORPUS.validation()).nats(), 1e-5);
            Sampler sampler = Sampler.builder().temperature(0.8f).topK(50).seed(7).build();
            List<String> poems = m.generate(PoemRequest.of(VerseForm.WUJUE).withAcrostic("山水"), 2, sampler);
            for (String p : poems) {
                List<String> lines = PoemConstraintTest.lines(p, VerseForm.WUJUE);
                assertEquals('山', lines.get(0).charAt(0));
                assertEquals('水', lines.get(1).charAt(0));
            }
            assertEquals(poems, m.generate(PoemRequest.of(VerseForm.WUJUE).withAcrostic("山水"), 2,
                    Sampler.builder().temperature(0.8f).topK(50).seed(7).build()), "the same seed writes the same poems");
        }
    }

    /** A state dict of the test network's shapes, from another seed than the run's, as PyTorch would write it. */
    private static Map<String, Safetensors.Array> foreignWeights(Device d) {
        d.manualSeed(99);
        Map<String, Safetensors.Array> state = new LinkedHashMap<>();
        try (CharLanguageModel m = new CharLanguageModel(d, config(1).model())) {
            m.stateDict().forEach((name, t) -> state.put(name, Safetensors.Array.of(t.toFloatArray(), t.dims())));
        }
        return state;
    }

    @Test
    void trainingStartsFromTheGivenWeights(@TempDir Path tmp) throws Exception {
        Device d = Device.cpu().threads(1);
        Map<String, Safetensors.Array> initial = foreignWeights(d);
        Path file = tmp.resolve("init.safetensors");
        Safetensors.writeFile(file, initial, null);
        var c = new PoetryTrainer.Config(config(1).model(), 1, 0, 8, 16, 1e-3f, 5f, 1, 7);
        PoetryTrainer.train(d, CORPUS, c, tmp.resolve("from-file"), false, file, Progress.Factory.NONE);
        PoetryTrainer.train(d, CORPUS, c, tmp.resolve("random"), false, null, Progress.Factory.NONE);
        // Adam's first step moves every weight by at most lr (|m / sqrt(v)| = 1), so after one step
        // a run that started from the file is within lr of it everywhere, and a random start is not.
        var fromFile = Safetensors.readFile(tmp.resolve("from-file/last/model.safetensors")).tensors();
        var random = Safetensors.readFile(tmp.resolve("random/last/model.safetensors")).tensors();
        assertEquals(initial.keySet(), fromFile.keySet());
        for (String name : initial.keySet()) {
            float[] w0 = (float[]) initial.get(name).values();
            assertTrue(maxDifference(w0, (float[]) fromFile.get(name).values()) <= 1.0001e-3, name);
            assertTrue(maxDifference(w0, (float[]) random.get(name).values()) > 1e-2, name);
        }
        assertThrows(ShenduException.class,
                () -> PoetryTrainer.train(d, CORPUS, c, tmp.resolve("both"), true, file, Progress.Factory.NONE));
    }

    @Test
    void weightsOfAnotherNetworkAreOneLine(@TempDir Path tmp) throws Exception {
        Device d = Device.cpu().threads(1);
        Map<String, Safetensors.Array> wrongShape = foreignWeights(d);
        wrongShape.put("out.bias", Safetensors.Array.of(new float[5], 5));
        Map<String, Safetensors.Array> missing = foreignWeights(d);
        missing.remove("lstm.bias_hh_l0");
        Map<String, Safetensors.Array> extra = foreignWeights(d);
        extra.put("lstm.weight_ih_l1", Safetensors.Array.of(new float[4], 2, 2));
        String v = "[" + CORPUS.vocabulary().size() + "]";
        for (var c : List.of(List.of(wrongShape, "out.bias has shape [5], the network expects " + v),
                List.of(missing, "no tensor lstm.bias_hh_l0 (expected shape [128])"),
                List.of(extra, "unexpected tensor lstm.weight_ih_l1 [2, 2]"))) {
            @SuppressWarnings("unchecked")
            Map<String, Safetensors.Array> state = (Map<String, Safetensors.Array>) c.get(0);
            Path file = tmp.resolve("weights.safetensors");
            Safetensors.writeFile(file, state, null);
            String m = assertThrows(ShenduException.class, () -> PoetryTrainer.train(d, CORPUS, config(1), tmp.resolve("run"),
                    false, file, Progress.Factory.NONE)).getMessage();
            assertTrue(m.startsWith(file.toString()) && m.contains((String) c.get(1)), m);
            assertFalse(m.contains("\n"), m);
            assertFalse(Files.exists(tmp.resolve("run")), "nothing written");
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void damagedCheckpointIsOneLine(@TempDir Path tmp) throws Exception {
        Device d = Device.cpu().threads(1);
        PoetryTrainer.train(d, CORPUS, config(3), tmp, false, Progress.Factory.NONE);
        Path weights = tmp.resolve("best/model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String m = assertThrows(ShenduException.class, () -> PoetryModel.load(tmp.resolve("best"), d)).getMessage();
        assertTrue(m.contains("model.safetensors"), m);
        assertFalse(m.contains("\n"), m);
        String none = assertThrows(ShenduException.class, () -> PoetryModel.load(tmp, d)).getMessage();
        assertTrue(none.contains("not a checkpoint folder"), none);
    }
}
