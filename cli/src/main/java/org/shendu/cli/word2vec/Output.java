package org.shendu.cli.word2vec;

import java.io.PrintWriter;
import java.util.List;
import org.shendu.word2vec.ScoredWord;

/** How the word2vec commands print words with their scores, aligned for people. */
final class Output {
    private Output() {}

    static void words(PrintWriter out, List<ScoredWord> words) {
        for (ScoredWord w : words) {
            out.printf("%-24s %.4f%n", w.word(), w.score());
        }
        out.flush();
    }
}
