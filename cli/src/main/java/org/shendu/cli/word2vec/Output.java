package org.shendu.cli.word2vec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import org.shendu.word2vec.ScoredWord;

/** How the word2vec commands print: aligned text for people, one JSON document with {@code --json}. */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Output() {}

    static void json(PrintWriter out, Object value) throws Exception {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    static void words(PrintWriter out, List<ScoredWord> words) {
        for (ScoredWord w : words) {
            out.printf("%-24s %.4f%n", w.word(), w.score());
        }
        out.flush();
    }
}
