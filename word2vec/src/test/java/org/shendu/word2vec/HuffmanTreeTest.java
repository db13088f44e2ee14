package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HuffmanTreeTest {

    private static String code(HuffmanTree t, int w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.length[w]; i++) {
            sb.append(t.codes[t.offset[w] + i]);
        }
        return sb.toString();
    }

    @Test
    void textbookExample() {
        // Huffman code lengths for 45,13,12,16,9,5 (sorted: 45,16,13,12,9,5) are 1,3,3,3,4,4.
        HuffmanTree t = new HuffmanTree(new long[] {45, 16, 13, 12, 9, 5});
        assertArrayEquals(new int[] {1, 3, 3, 3, 4, 4}, t.length);
        // Every word's path starts at the root, inner node V - 2 = 4.
        for (int w = 0; w < 6; w++) {
            assertEquals(4, t.points[t.offset[w]]);
        }
    }

    @Test
    void codesArePrefixFreeAndCompleteAndPathsAreConsistent() {
        long[] counts = new long[200];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = 100_000 / (i + 1) + 1;
        }
        HuffmanTree t = new HuffmanTree(counts);
        Set<String> codes = new HashSet<>();
        double kraft = 0;
        long weighted = 0;
        for (int w = 0; w < counts.length; w++) {
            String c = code(t, w);
            codes.add(c);
            kraft += Math.pow(2, -c.length());
            weighted += counts[w] * c.length();
            for (int i = 0; i < t.length[w]; i++) {
                int p = t.points[t.offset[w] + i];
                assertTrue(p >= 0 && p < counts.length - 1, "inner node index in range");
            }
        }
        assertEquals(counts.length, codes.size());
        for (String a : codes) {
            for (String b : codes) {
                assertTrue(a.equals(b) || !b.startsWith(a), a + " is a prefix of " + b);
            }
        }
        assertEquals(1.0, kraft, 1e-12);
        // Frequent words never get longer codes than rarer ones.
        for (int w = 1; w < counts.length; w++) {
            assertTrue(t.length[w - 1] <= t.length[w]);
        }
        // Same prefix means same inner nodes along the way.
        for (int a = 0; a < counts.length; a++) {
            for (int b = 0; b < counts.length; b++) {
                String ca = code(t, a);
                String cb = code(t, b);
                int common = 0;
                while (common < Math.min(ca.length(), cb.length()) && ca.charAt(common) == cb.charAt(common)) {
                    common++;
                }
                for (int i = 0; i <= Math.min(common, Math.min(ca.length(), cb.length()) - 1); i++) {
                    assertEquals(t.points[t.offset[a] + i], t.points[t.offset[b] + i]);
                }
            }
        }
        assertTrue(weighted > 0);
    }
}
