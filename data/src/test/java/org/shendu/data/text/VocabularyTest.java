package org.shendu.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;
import org.shendu.data.Samples;

class VocabularyTest {
    @TempDir
    Path dir;

    private static TokenCounts counts(String... docs) {
        return TokenCounts.count(Stream.of(docs).map(d -> List.of(d.split(" "))));
    }

    @Test
    void ordersByCountThenFirstAppearance() {
        Vocabulary v = Vocabulary.builder().build(counts("b a c", "c a d", "e"));
        assertEquals(List.of("a", "c", "b", "d", "e"), v.words());
        assertEquals(2, v.count(v.id("a")));
        assertEquals(7, v.totalCount());
    }

    @Test
    void prunesAndAddsSpecials() {
        Vocabulary v = Vocabulary.builder().minCount(2).specials(Vocabulary.PAD, Vocabulary.UNK).build(counts("x y x z y x", "w"));
        assertEquals(List.of("<pad>", "<unk>", "x", "y"), v.words());
        assertEquals(1, v.id("never-seen"));
        assertArrayEquals(new int[] {2, 1, 3}, v.encode(List.of("x", "z", "y")));
        Vocabulary top = Vocabulary.builder().maxSize(1).build(counts("x y x z y x"));
        assertEquals(List.of("x"), top.words());
        assertEquals(-1, top.id("y"));
        assertArrayEquals(new int[] {0}, top.encode(List.of("y", "x")), "unknown words are dropped without <unk>");
    }

    @Test
    void parallelCountingEqualsSequential() {
        Tokenizer t = new EnglishTokenizer();
        var reviews = Samples.imdb();
        Vocabulary seq = Vocabulary.builder().build(TokenCounts.count(reviews.stream().map(r -> t.tokenize(r.text()))));
        Vocabulary par = Vocabulary.builder().build(TokenCounts.count(reviews.parallelStream().map(r -> t.tokenize(r.text()))));
        assertEquals(seq.words(), par.words());
    }

    @Test
    void savesAndLoads() {
        Vocabulary v = Vocabulary.builder().specials(Vocabulary.PAD, Vocabulary.UNK).build(counts("好 的 好 it's"));
        Path f = dir.resolve("sub/vocab.tsv");
        v.save(f);
        Vocabulary back = Vocabulary.load(f);
        assertEquals(v.words(), back.words());
        assertEquals(v.specials(), back.specials());
        assertEquals(2, back.count(back.id("好")));
        assertEquals(1, back.id("missing"));
    }

    @Test
    void rejectsAForeignFile() throws Exception {
        Path f = dir.resolve("v.txt");
        Files.writeString(f, "hello\t3\n");
        ShenduException e = assertThrows(ShenduException.class, () -> Vocabulary.load(f));
        assertEquals(f + ":1: not a Shendu vocabulary file (expected `#shendu-vocabulary 1`)", e.getMessage());
    }
}
