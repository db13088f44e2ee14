package org.shendu.word2vec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shendu.core.ShenduException;

/**
 * Word pairs with a human similarity score, as in WordSim-353 and SimLex-999 (gensim's
 * {@code wordsim353.tsv}, {@code simlex999.txt}): {@code word1 TAB word2 TAB score}, lines starting
 * with {@code #} are comments.
 */
public record WordPairs(List<Pair> pairs) {

    /** One scored pair. */
    public record Pair(String a, String b, double score) {}

    public static WordPairs read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ShenduException(file + ": no such word-pair file");
        }
    }

    /** Reads from a stream; {@code name} appears in error messages. */
    public static WordPairs read(InputStream stream, String name) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String line;
        long no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.strip().split("\t");
            if (f.length != 3) {
                throw new ShenduException(name + ":" + no + ": expected 'word1<TAB>word2<TAB>score', found "
                        + f.length + " fields");
            }
            try {
                pairs.add(new Pair(f[0], f[1], Double.parseDouble(f[2])));
            } catch (NumberFormatException e) {
                throw new ShenduException(name + ":" + no + ": score is not a number: '" + f[2] + "'");
            }
        }
        if (pairs.isEmpty()) {
            throw new ShenduException(name + ": no word pairs found");
        }
        return new WordPairs(List.copyOf(pairs));
    }
}
