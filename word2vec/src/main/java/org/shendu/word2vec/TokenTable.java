package org.shendu.word2vec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An open-addressing hash table from words, kept as their UTF-8 bytes, to dense ids, with a count
 * per id. It lets the corpus reader look a token up straight from its read buffer, with no
 * {@code String} made per token (the C tool's {@code SearchVocab} does the same), which matters
 * when a 23-million-token corpus is read once per epoch per thread.
 */
final class TokenTable {
    private static final int HASH_SEED = 0x9747b28c;

    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private int[] start = new int[1024];
    private int[] length = new int[1024];
    private int[] hashes = new int[1024];
    private long[] counts = new long[1024];
    private int size;
    /** id + 1 per slot, 0 for empty; the capacity is a power of two kept at most half full. */
    private int[] slots = new int[2048];

    int size() {
        return size;
    }

    long count(int id) {
        return counts[id];
    }

    String word(int id) {
        return new String(arena, start[id], length[id], StandardCharsets.UTF_8);
    }

    static int hash(byte[] buf, int off, int len) {
        int h = HASH_SEED;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** The id of the word in {@code buf[off, off+len)}, or -1. */
    int find(byte[] buf, int off, int len) {
        int h = hash(buf, off, len);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) {
                return -1;
            }
            int id = v - 1;
            if (hashes[id] == h && length[id] == len
                    && Arrays.equals(arena, start[id], start[id] + len, buf, off, off + len)) {
                return id;
            }
        }
    }

    int find(String word) {
        byte[] b = word.getBytes(StandardCharsets.UTF_8);
        return find(b, 0, b.length);
    }

    /** Adds {@code n} to the word's count, adding the word first if it is new; returns its id. */
    int add(byte[] buf, int off, int len, long n) {
        int h = hash(buf, off, len);
        int mask = slots.length - 1;
        int s = h & mask;
        for (; ; s = (s + 1) & mask) {
            int v = slots[s];
            if (v == 0) {
                break;
            }
            int id = v - 1;
            if (hashes[id] == h && length[id] == len
                    && Arrays.equals(arena, start[id], start[id] + len, buf, off, off + len)) {
                counts[id] += n;
                return id;
            }
        }
        int id = size++;
        if (id == start.length) {
            int cap = start.length * 2;
            start = Arrays.copyOf(start, cap);
            length = Arrays.copyOf(length, cap);
            hashes = Arrays.copyOf(hashes, cap);
            counts = Arrays.copyOf(counts, cap);
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(buf, off, arena, arenaUsed, len);
        start[id] = arenaUsed;
        length[id] = len;
        hashes[id] = h;
        counts[id] = n;
        arenaUsed += len;
        slots[s] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    int add(String word, long n) {
        byte[] b = word.getBytes(StandardCharsets.UTF_8);
        return add(b, 0, b.length, n);
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int s = hashes[id] & mask;
            while (fresh[s] != 0) {
                s = (s + 1) & mask;
            }
            fresh[s] = id + 1;
        }
        slots = fresh;
    }
}
