package org.shendu.word2vec;

/**
 * The Huffman tree of the vocabulary for hierarchical softmax (Morin and Bengio 2005; Mikolov et
 * al. 2013): frequent words get short codes. Word {@code w}'s path is {@code codeLength(w)} inner
 * nodes {@code points[offset(w) + i]} (rows of {@code syn1}) with branch bits {@code codes[...]};
 * P(w | h) = prod_i sigma((1 - 2 code_i) * h . syn1[point_i]). Built as the C tool's
 * {@code CreateBinaryTree}, so codes match it for the same counts.
 */
final class HuffmanTree {
    final int[] offset;
    final int[] length;
    final byte[] codes;
    final int[] points;

    HuffmanTree(long[] counts) {
        int n = counts.length;
        offset = new int[n];
        length = new int[n];
        if (n < 2) {
            codes = new byte[n];
            points = new int[n];
            for (int i = 0; i < n; i++) {
                offset[i] = i;
                length[i] = 1;
            }
            return;
        }
        // counts are sorted descending, so the leaves are read from the right and the merged
        // nodes appear in ascending order: two queues give the two smallest in O(1).
        long[] count = new long[2 * n];
        int[] parent = new int[2 * n];
        byte[] binary = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            count[i] = counts[i];
        }
        for (int i = n; i < 2 * n; i++) {
            count[i] = Long.MAX_VALUE / 4;
        }
        int pos1 = n - 1;
        int pos2 = n;
        for (int a = 0; a < n - 1; a++) {
            int min1;
            int min2;
            if (pos1 >= 0 && count[pos1] < count[pos2]) {
                min1 = pos1--;
            } else {
                min1 = pos2++;
            }
            if (pos1 >= 0 && count[pos1] < count[pos2]) {
                min2 = pos1--;
            } else {
                min2 = pos2++;
            }
            count[n + a] = count[min1] + count[min2];
            parent[min1] = n + a;
            parent[min2] = n + a;
            binary[min2] = 1;
        }
        int total = 0;
        int[] depth = new int[n];
        for (int w = 0; w < n; w++) {
            int d = 0;
            for (int b = w; b != 2 * n - 2; b = parent[b]) {
                d++;
            }
            depth[w] = d;
            total += d;
        }
        codes = new byte[total];
        points = new int[total];
        int at = 0;
        for (int w = 0; w < n; w++) {
            int d = depth[w];
            offset[w] = at;
            length[w] = d;
            // Walk leaf to root, writing from the end: index 0 is the root's branch.
            int i = d - 1;
            for (int b = w; b != 2 * n - 2; b = parent[b], i--) {
                codes[at + i] = binary[b];
                points[at + i] = parent[b] - n;
            }
            at += d;
        }
    }
}
