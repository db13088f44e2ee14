package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.nn.Recurrent;

/** Generation through a real (small, untrained) network on the carried state, with forms masked in. */
class PoemGeneratorTest {

    /** Gumbel-max draws from the masked logits, so -inf ids can never win. */
    private static PoemGenerator.Picker gumbel(SplittableRandom r) {
        return logits -> {
            int rows = logits.dim(0), v = logits.dim(1);
            float[] z = logits.toFloatArray();
            int[] out = new int[rows];
            for (int b = 0; b < rows; b++) {
                double best = Double.NEGATIVE_INFINITY;
                out[b] = -1;
                for (int id = 0; id < v; id++) {
                    double s = z[b * v + id] - Math.log(-Math.log(r.nextDouble()));
                    if (s > best) {
                        best = s;
                        out[b] = id;
                    }
                }
            }
            return out;
        };
    }

    @Test
    void batchedPoemsKeepTheirFormWithEveryCell() {
        PoetryVocabulary vocab = PoetryCorpus.prepare(PoetryCorpus.readSample()).vocabulary();
        Device d = Device.cpu();
        d.manualSeed(5);
        for (Recurrent.Cell cell : List.of(Recurrent.Cell.LSTM, Recurrent.Cell.GRU, Recurrent.Cell.RNN_TANH)) {
            CharLanguageModel.Config config = new CharLanguageModel.Config(vocab.size(), cell, 8, 16, 2, 0f, cell == Recurrent.Cell.GRU);
            try (CharLanguageModel model = new CharLanguageModel(d, config)) {
                PoemRequest req = PoemRequest.of(VerseForm.QIJUE).withAcrostic("春夏秋冬").withRhyme(true);
                List<String> poems = PoemGenerator.generate(model, vocab, req, 6, gumbel(new SplittableRandom(1)));
                assertEquals(6, poems.size());
                for (String p : poems) {
                    List<String> lines = PoemConstraintTest.lines(p, VerseForm.QIJUE);
                    assertEquals("春夏秋冬", "" + lines.get(0).charAt(0) + lines.get(1).charAt(0) + lines.get(2).charAt(0)
                            + lines.get(3).charAt(0));
                    assertEquals(2, PoemGenerator.lines(p).size());
                }
                List<String> free = PoemGenerator.generate(model, vocab, PoemRequest.free().withMaxLength(30).withBeginning("山"), 3,
                        gumbel(new SplittableRandom(2)));
                for (String p : free) {
                    assertTrue(p.startsWith("山") && p.codePointCount(0, p.length()) <= 30, p);
                }
            }
        }
    }
}
