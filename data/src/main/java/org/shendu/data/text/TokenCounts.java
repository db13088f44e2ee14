package org.shendu.data.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;

/**
 * How often each token occurs in a corpus, remembering the order in which tokens first appeared
 * (the tie-break of {@link Vocabulary}). Counting a parallel ordered stream gives the same result
 * as counting it sequentially.
 */
public final class TokenCounts {
    private final LinkedHashMap<String, long[]> counts = new LinkedHashMap<>();
    private long total;
    private long documents;

    /** Counts the tokens of every document; parallel when the stream is. */
    public static TokenCounts count(Stream<List<String>> documents) {
        return documents.collect(TokenCounts::new, TokenCounts::add, TokenCounts::addAll);
    }

    /** Adds one document's tokens. */
    public void add(List<String> tokens) {
        for (String t : tokens) {
            counts.computeIfAbsent(t, k -> new long[1])[0]++;
        }
        total += tokens.size();
        documents++;
    }

    /** Adds a token {@code n} times. */
    public void add(String token, long n) {
        counts.computeIfAbsent(token, k -> new long[1])[0] += n;
        total += n;
    }

    /** Adds the counts of {@code later}, a later part of the corpus. */
    public void addAll(TokenCounts later) {
        for (Map.Entry<String, long[]> e : later.counts.entrySet()) {
            counts.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
        }
        total += later.total;
        documents += later.documents;
    }

    public long count(String token) {
        long[] c = counts.get(token);
        return c == null ? 0 : c[0];
    }

    /** The number of distinct tokens. */
    public int distinct() {
        return counts.size();
    }

    /** The number of tokens counted. */
    public long total() {
        return total;
    }

    /** The number of documents counted. */
    public long documents() {
        return documents;
    }

    /** Every token with its count, in order of first appearance. */
    public void forEach(ObjLongConsumer<String> action) {
        counts.forEach((token, c) -> action.accept(token, c[0]));
    }
}
