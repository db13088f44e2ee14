package org.shendu.sentiment.features;

/**
 * Numbers distinct positive {@code long} keys 0, 1, 2, ... in the order they are first added: an
 * open-addressing hash table with linear probing. The vectorizers key an n-gram by the packed ids
 * of its tokens, so counting a million bigrams allocates no strings and no boxed numbers.
 */
final class LongIndex {
    private long[] keys;
    private int[] ids;
    private int size;
    private int mask;

    LongIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        ids = new int[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The id of {@code key} ({@code > 0}), or -1 when it was never added. */
    int get(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return ids[slot];
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of {@code key} ({@code > 0}), numbering it now when it is new. */
    int add(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return ids[slot];
            }
            if (k == 0) {
                keys[slot] = key;
                ids[slot] = size;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return size - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The keys in id order. */
    long[] keysById() {
        long[] out = new long[size];
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != 0) {
                out[ids[s]] = keys[s];
            }
        }
        return out;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            long k = oldKeys[s];
            if (k != 0) {
                int slot = slot(k);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = k;
                ids[slot] = oldIds[s];
            }
        }
    }

    @Override
    public String toString() {
        return "LongIndex(" + size + " keys, capacity " + keys.length + ")";
    }
}
