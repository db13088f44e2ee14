package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Tensor;
import org.shendu.core.io.Safetensors;
import org.shendu.core.nn.Recurrent;

/**
 * Our NLL is the reference's: weights written by PyTorch ({@code make_reference_nll.py}, the anchor's
 * CharLSTM at E 4, H 8, 2 layers) scored on the shipped sample's validation poems by our code and
 * by the anchor's {@code eval_per_poem} / {@code eval_windows}.
 */
class PerplexityTest {
    @Test
    void perPoemAndWindowNllEqualTheReferencesOnPyTorchWeights() throws Exception {
        Path dir = Path.of(PerplexityTest.class.getResource("reference_nll.json").toURI()).getParent();
        JsonNode expected = new ObjectMapper().readTree(dir.resolve("reference_nll.json").toFile());
        PoetryCorpus corpus = PoetryCorpus.prepare(PoetryCorpus.readSample());
        assertEquals(expected.get("vocabulary").asInt(), corpus.vocabulary().size());
        Device d = Device.cpu();
        var config = new CharLanguageModel.Config(corpus.vocabulary().size(), Recurrent.Cell.LSTM, 4, 8, 2, 0f, false);
        try (CharLanguageModel model = new CharLanguageModel(d, config)) {
            Map<String, Tensor> state = Safetensors.read(dir.resolve("reference_lstm.safetensors"), d);
            model.loadStateDict(state, true);
            Perplexity.Nll poem = Perplexity.perPoem(model, corpus.validation());
            assertEquals(expected.get("per_poem_targets").asLong(), poem.targets());
            assertEquals(expected.get("per_poem_total").asDouble(), poem.total(), 1e-5 * poem.total());
            Perplexity.Nll win = Perplexity.windows(model, corpus.validation(), 64);
            assertEquals(expected.get("window_targets").asLong(), win.targets());
            assertEquals(expected.get("window_total").asDouble(), win.total(), 1e-5 * win.total());
        }
    }
}
