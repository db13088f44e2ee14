package org.shendu.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Run(String toolName, double trainSeconds, Path vectors, List<Inner> rounds) {}

    record Inner(int roundNumber, double wordSim353) {}

    @Test
    void keysAreSnakeCaseWhateverWroteThem() {
        String json = Json.write(Json.object("doesntMatch", "x", "ca8-semantic", 1, "rocAUC", 0.5, "0.3", 2,
                "run", new Run("shendu", 1.5, Path.of("out", "v.bin"), List.of(new Inner(1, 0.7))),
                "already_snake", true, "HTTPServer", 0));
        assertEquals("{\"doesnt_match\":\"x\",\"ca8_semantic\":1,\"roc_auc\":0.5,\"0.3\":2,"
                + "\"run\":{\"tool_name\":\"shendu\",\"train_seconds\":1.5,\"vectors\":\"out/v.bin\","
                + "\"rounds\":[{\"round_number\":1,\"word_sim353\":0.7}]},\"already_snake\":true,\"http_server\":0}",
                json);
    }

    @Test
    void snakeCaseOfSingleKeys() {
        assertEquals("simlex999", Json.snakeCase("simlex999"));
        assertEquals("sim_lex999", Json.snakeCase("simLex999"));
        assertEquals("n_train", Json.snakeCase("n_train"));
        assertEquals("data_directory", Json.snakeCase("dataDirectory"));
        assertEquals("3_cos_add", Json.snakeCase("3CosAdd"));
    }

    @Test
    void printWritesOneLineAndKeepsOrder() {
        StringWriter s = new StringWriter();
        Json.print(new PrintWriter(s), Json.object("b", 1, "a", Double.NaN));
        assertEquals("{\"b\":1,\"a\":\"NaN\"}" + System.lineSeparator(), s.toString());
    }
}
