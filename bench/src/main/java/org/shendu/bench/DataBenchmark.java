package org.shendu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.shendu.core.Parallel;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.LabeledText;
import org.shendu.data.LabeledTsvReader;
import org.shendu.data.Review;
import org.shendu.data.text.ChineseTokenizer;
import org.shendu.data.text.EnglishTokenizer;
import org.shendu.data.text.TokenCounts;
import org.shendu.data.text.Tokenizer;

/**
 * How fast the data module reads and tokenizes the real corpora: all 100,000 IMDB reviews
 * (gunzip, parse, English tokenization, vocabulary counting) and the Chinese segmenter's
 * characters per second on {@code waimai_10k}.
 */
public final class DataBenchmark {

    /**
     * One measured round: wall seconds, and the process's CPU seconds over the same span (which
     * other load on a shared machine inflates far less than the wall time).
     */
    public record Round(String task, int threads, double seconds, double cpuSeconds, long records, long tokens, long chars) {
        public double tokensPerSecond() {
            return tokens / seconds;
        }

        public double charsPerSecond() {
            return chars / seconds;
        }
    }

    private final DataDirectory data;

    public DataBenchmark(DataDirectory data) {
        this.data = data;
    }

    /** Reads, tokenizes and counts the three IMDB splits with {@code threads} workers. */
    public Round imdb(int threads) throws Exception {
        Tokenizer english = new EnglishTokenizer();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        long[] records = new long[1];
        long chars = 0;
        TokenCounts total = new TokenCounts();
        for (String split : List.of("train", "test", "unsup")) {
            List<String> texts = new ArrayList<>();
            try (Stream<Review> reviews = ImdbReader.stream(ImdbReader.locate(data, split))) {
                reviews.forEach(r -> texts.add(r.text()));
            }
            records[0] += texts.size();
            chars += texts.stream().mapToLong(String::length).sum();
            // Shards merged in order, so the counts list tokens as a sequential pass would.
            int shards = Math.max(1, threads * 4);
            TokenCounts[] parts = new TokenCounts[shards];
            Parallel.run(threads, shards, s -> parts[s] = TokenCounts.count(
                    texts.subList(shard(texts.size(), shards, s), shard(texts.size(), shards, s + 1)).stream().map(english::tokenize)));
            for (TokenCounts part : parts) {
                total.addAll(part);
            }
        }
        return new Round("imdb-read-tokenize-count", threads, (System.nanoTime() - start) / 1e9,
                (cpuNanos() - cpu) / 1e9, records[0],
                total.total(), chars);
    }

    /** Segments every {@code waimai_10k} (or other {@code chinese-sentiment}) review with smartcn. */
    public Round chinese(String file, int threads) throws Exception {
        List<LabeledText> reviews = LabeledTsvReader.readAll(data.path("chinese-sentiment", file));
        Tokenizer chinese = new ChineseTokenizer();
        long chars = reviews.stream().mapToLong(r -> r.text().codePointCount(0, r.text().length())).sum();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        int shards = Math.max(1, threads * 4);
        long[] tokens = new long[shards];
        Parallel.run(threads, shards, s -> {
            for (LabeledText r : reviews.subList(shard(reviews.size(), shards, s), shard(reviews.size(), shards, s + 1))) {
                tokens[s] += chinese.tokenize(r.text()).size();
            }
        });
        return new Round("smartcn-" + file, threads, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                reviews.size(), java.util.Arrays.stream(tokens).sum(), chars);
    }

    /** The first index of shard {@code s} of {@code n} items cut into {@code shards} near-equal shards. */
    private static int shard(int n, int shards, int s) {
        return (int) ((long) n * s / shards);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
