package org.shendu.data.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.ShenduException;
import org.shendu.core.io.AtomicFiles;
import org.shendu.data.TextLines;

/**
 * A bijection between tokens and ids 0..size-1: special tokens first (pad, unknown, begin, end,
 * when asked for), then the words by descending count, ties in order of first appearance (as
 * gensim orders its vocabulary). Built with {@link #builder()}; saved as a small text file.
 */
public final class Vocabulary {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    private static final String HEADER = "#shendu-vocabulary 1";

    private final String[] words;
    private final long[] counts;
    private final int specials;
    private final Map<String, Integer> ids;
    private final int unknown;

    private Vocabulary(String[] words, long[] counts, int specials) {
        this.words = words;
        this.counts = counts;
        this.specials = specials;
        this.ids = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) {
            if (ids.putIfAbsent(words[i], i) != null) {
                throw new ShenduException("vocabulary: the token `" + words[i] + "` appears twice");
            }
        }
        Integer unk = ids.get(UNK);
        this.unknown = unk != null && unk < specials ? unk : -1;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A vocabulary of exactly these words (ids in list order), with zero counts. */
    public static Vocabulary of(List<String> words) {
        return new Vocabulary(words.toArray(String[]::new), new long[words.size()], 0);
    }

    /** The number of entries, specials included. */
    public int size() {
        return words.length;
    }

    /** The number of special tokens (they hold ids 0..specials-1). */
    public int specials() {
        return specials;
    }

    /** The id of a token; the unknown token's id when it is absent and {@code <unk>} is a special; else -1. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id != null ? id : unknown;
    }

    /** Whether the token has an entry of its own. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String word(int id) {
        return words[id];
    }

    /** The token's count in the corpus the vocabulary was built from (0 for specials). */
    public long count(int id) {
        return counts[id];
    }

    /** The sum of all counts. */
    public long totalCount() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** The ids of the tokens; a token without an entry maps to {@code <unk>} when present, else is dropped. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        int n = 0;
        for (String t : tokens) {
            int id = id(t);
            if (id >= 0) {
                out[n++] = id;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The words, in id order. */
    public List<String> words() {
        return List.of(words);
    }

    /** Writes the vocabulary ({@code word<TAB>count} lines) to a temporary file, then renames it. */
    public void save(Path file) {
        try {
            AtomicFiles.write(file, out -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write(HEADER + "\tspecials=" + specials + "\n");
                for (int i = 0; i < words.length; i++) {
                    w.write(words[i]);
                    w.write('\t');
                    w.write(Long.toString(counts[i]));
                    w.write('\n');
                }
                w.flush();
            });
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot write the vocabulary: " + e.getMessage());
        }
    }

    public static Vocabulary load(Path file) {
        try (TextLines lines = TextLines.open(file)) {
            String header = lines.next();
            if (header == null || !header.startsWith(HEADER + "\tspecials=")) {
                throw new ShenduException(file + ":1: not a Shendu vocabulary file (expected `" + HEADER + "`)");
            }
            int specials;
            try {
                specials = Integer.parseInt(header.substring(header.indexOf('=') + 1));
            } catch (NumberFormatException e) {
                throw lines.error("bad specials count in the header");
            }
            List<String> words = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (String line = lines.next(); line != null; line = lines.next()) {
                int tab = line.lastIndexOf('\t');
                if (tab <= 0) {
                    throw lines.error("expected `word<TAB>count`");
                }
                try {
                    counts.add(Long.parseLong(line.substring(tab + 1)));
                } catch (NumberFormatException e) {
                    throw lines.error("bad count `" + line.substring(tab + 1) + "`");
                }
                words.add(line.substring(0, tab));
            }
            if (specials > words.size()) {
                throw new ShenduException(file + ": header says " + specials + " specials, file has " + words.size() + " entries");
            }
            return new Vocabulary(words.toArray(String[]::new), counts.stream().mapToLong(Long::longValue).toArray(), specials);
        }
    }

    /** Options for building a vocabulary from counts. */
    public static final class Builder {
        private long minCount = 1;
        private int maxSize = Integer.MAX_VALUE;
        private List<String> specials = List.of();

        /** Drops tokens seen fewer than {@code n} times (default 1: keep all). */
        public Builder minCount(long n) {
            this.minCount = n;
            return this;
        }

        /** Keeps at most {@code n} words, the most frequent, specials not counted (default: no limit). */
        public Builder maxSize(int n) {
            this.maxSize = n;
            return this;
        }

        /** Special tokens placed first, e.g. {@link #PAD}, {@link #UNK}, {@link #BOS}, {@link #EOS}. */
        public Builder specials(String... tokens) {
            this.specials = List.of(tokens);
            return this;
        }

        public Vocabulary build(TokenCounts counts) {
            List<Map.Entry<String, Long>> kept = new ArrayList<>();
            counts.forEach((token, c) -> {
                if (c >= minCount && !specials.contains(token)) {
                    kept.add(Map.entry(token, c));
                }
            });
            // List.sort is stable, so equal counts keep their first-appearance order.
            kept.sort(Comparator.comparingLong((Map.Entry<String, Long> e) -> e.getValue()).reversed());
            int n = Math.min(kept.size(), maxSize);
            String[] words = new String[specials.size() + n];
            long[] c = new long[words.length];
            for (int i = 0; i < specials.size(); i++) {
                words[i] = specials.get(i);
            }
            for (int i = 0; i < n; i++) {
                words[specials.size() + i] = kept.get(i).getKey();
                c[specials.size() + i] = kept.get(i).getValue();
            }
            return new Vocabulary(words, c, specials.size());
        }
    }
}
