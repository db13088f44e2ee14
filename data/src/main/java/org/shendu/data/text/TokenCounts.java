package org.shendu.data.text;

import java.util.HashMap;
import java.util.List;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;

/**
 * How often each token occurs in a corpus, remembering the order in which tokens first appeared
 * (the tie-break of {@link Vocabulary}). Counting a parallel ordered stream gives the same result
 * as counting it sequentially.
 */
public final class TokenCounts {
    // A plain HashMap with the arrival index kept in the entry: cheaper than a LinkedHashMap here.
    private final HashMap<String, Count> counts = new HashMap<>(1 << 12);
    private long total;
    private long documents;

    private static final class Count {
        final int order;
        long n;

        Count(int order) {
            this.order = order;
        }
    }

    private Count entry(String token) {
        Count c = counts.get(token);
        if (c == null) {
            c = new Count(counts.size());
            counts.put(token, c);
        }
        return c;
    }

    /** Counts the tokens of every document; parallel when the stream is. */
    public static TokenCounts count(Stream<List<String>> documents) {
        return documents.collect(TokenCounts::new, TokenCounts::add, TokenCounts::addAll);
    }

    /** Adds one document's tokens. */
    public void add(List<String> tokens) {
        for (String t : tokens) {
            entry(t).n++;
        }
        total += tokens.size();
        documents++;
    }

    /** Adds a token {@code n} times. */
    public void add(String token, long n) {
        entry(token).n += n;
        total += n;
    }

    /** Adds the counts of {@code later}, a later part of the corpus. */
    public void addAll(TokenCounts later) {
        later.forEach((token, n) -> entry(token).n += n);
        total += later.total;
        documents += later.documents;
    }

    public long count(String token) {
        Count c = counts.get(token);
        return c == null ? 0 : c.n;
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
        String[] byOrder = new String[counts.size()];
        long[] n = new long[counts.size()];
        counts.forEach((token, c) -> {
            byOrder[c.order] = token;
            n[c.order] = c.n;
        });
        for (int i = 0; i < byOrder.length; i++) {
            action.accept(byOrder[i], n[i]);
        }
    }
}
