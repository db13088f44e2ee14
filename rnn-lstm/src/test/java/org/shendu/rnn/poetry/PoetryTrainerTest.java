package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;
import org.shendu.core.nn.Recurrent;

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
        }
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
