package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shendu.data.Poem;

/**
 * The corpus preparation against figures the PyTorch reference's own preparation code printed
 * ({@code shared/anchors/quality/poetry_lm.py}'s {@code load_poems}, {@code splitmix_permutation} and
 * vocabulary lines, run by {@code /usr/bin/python3} on 2026-12-04): counts, first ids, and SHA-256
 * hashes of the vocabulary (UTF-8) and of the token streams (int32 little-endian).
 */
class PoetryCorpusTest {

    @Test
    void filterFollowsTheAnchorsRules() {
        assertEquals(PoemFilter.Verdict.KEEP, PoemFilter.judge("秦川雄帝宅，函谷壮皇居。"));
        assertEquals(PoemFilter.Verdict.LENGTH, PoemFilter.judge("秦川雄帝宅，函谷壮皇"));
        assertEquals(PoemFilter.Verdict.EDITORIAL_MARK, PoemFilter.judge("秦川雄帝宅（一作居），函谷壮皇居。"));
        assertEquals(PoemFilter.Verdict.EDITORIAL_MARK, PoemFilter.judge("秦川雄帝宅，函谷壮皇居。3"));
        assertEquals(PoemFilter.Verdict.EDITORIAL_MARK, PoemFilter.judge("秦川雄帝□，函谷壮皇居。"));
        // 12 code points although 13 Java chars: one supplementary-plane character counts once
        String eleven = "秦川雄帝宅，函谷壮皇居";
        assertEquals(PoemFilter.Verdict.KEEP, PoemFilter.judge(eleven + "\uD840\uDC00"));
        assertEquals(PoemFilter.Verdict.LENGTH, PoemFilter.judge("秦".repeat(129)));
    }

    @Test
    void vocabularyOrdersByCountThenCodePointAndDropsSingletons() {
        PoetryVocabulary v = PoetryVocabulary.build(List.of("山月山月风", "山风云"), 2);
        assertEquals("山月风", v.characters());
        assertEquals(3, v.id("山".codePointAt(0)));
        assertEquals(PoetryVocabulary.UNK, v.id("云".codePointAt(0)));
        assertArrayEquals(new int[] {3, 5, 0}, v.encode("山风云"));
        assertEquals(v.characters(), PoetryVocabulary.parse(v.characters()).characters());
    }

    @Test
    void streamIsBosBodyEosPerPoem() {
        assertArrayEquals(new int[] {1, 5, 6, 2, 1, 7, 2}, PoetryCorpus.stream(new int[][] {{5, 6}, {7}}));
    }

    @Test
    void tooFewPoemsIsOneClearLine() {
        var bodies = PoetryCorpus.filter(List.of(new Poem("t", "a", List.of("秦川雄帝宅，函谷壮皇居。"))), "x.jsonl");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.shendu.core.ShenduException.class,
                () -> PoetryCorpus.prepare(bodies));
        assertEquals("a corpus needs at least 20 usable poems to hold out a validation twentieth; it has 1", e.getMessage());
    }

    @Test
    void simplifiedTangEqualsTheReferencesPreparation() throws Exception {
        PoetryCorpus c = corpus("tang.simplified.jsonl.gz");
        expect(c, new PoetryCorpus.Stats(57591, 5913, 3042, 48636), 46205, 2431, new int[] {12, 48, 83, 97, 102}, 58663413L,
                new int[] {12269, 46706, 29263, 2143, 16122}, 6052, "，。不人山风无日一云来有花春何水天月中上",
                "ffda4467d43c80f3dfde558dbc43deee713e86afe817c4d2675382c7e76950d2", 2407973, 926,
                new int[] {1, 1160, 864, 37, 382, 649, 3, 34, 190, 230, 236, 23},
                "419e5379b2a5d2c4e0c2a4a570758c57983630bc7fdc5f84b086570b334bcf82", 128778, 126347, 91,
                "1f574d3c0ee32a7f1e04e4825e8fd42d32dfc3e6c709d4c7449d37940f033f59");
    }

    @Test
    void traditionalTangEqualsTheReferencesPreparation() throws Exception {
        PoetryCorpus c = corpus("tang.jsonl.gz");
        expect(c, new PoetryCorpus.Stats(57607, 5387, 3246, 48974), 46526, 2448, new int[] {24, 26, 67, 128, 135}, 60972172L,
                new int[] {6367, 13503, 38039, 11655, 17744}, 6533, "，。不人山風無一日雲來有花何春水天月上中",
                "3cb6337f5baf11533202b94a84473ba4208e0ff69f1ad155a3c47a3c7dab04fe", 2427287, 1235,
                new int[] {1, 885, 48, 74, 142, 802, 3, 934, 125, 1551, 15, 35},
                "de9a1f59c5f7914a41209edddd74c1b0aed3d9a08a6b7535209710e99dffd2f4", 126838, 124390, 114,
                "3f8095aecaf4765ea33598378c8390f9fb367b657569ddb2a620c3986e3201ab");
    }

    private static PoetryCorpus corpus(String name) {
        String dir = System.getenv("SHENDU_DATA");
        if (dir == null || dir.isBlank()) {
            System.out.println("SHENDU_DATA is not set: skipping the full-corpus comparison with the reference");
        }
        assumeTrue(dir != null && !dir.isBlank(), "SHENDU_DATA not set");
        Path file = Path.of(dir, "poetry", name);
        assumeTrue(Files.exists(file), file + " missing");
        return PoetryCorpus.prepare(PoetryCorpus.read(file));
    }

    private static void expect(PoetryCorpus c, PoetryCorpus.Stats stats, int nTrain, int nVal, int[] valFirst, long valSum,
            int[] trainFirst, int vocabSize, String vocabHead, String vocabSha, int trainTokens, int trainUnk,
            int[] streamFirst, String streamSha, int valTokens, int valTargets, int valUnk, String valSha) throws Exception {
        assertEquals(stats, c.stats());
        assertEquals(nTrain, c.train().length);
        assertEquals(nVal, c.validation().length);
        assertArrayEquals(valFirst, Arrays.copyOf(c.validationIds(), 5));
        assertEquals(valSum, Arrays.stream(c.validationIds()).asLongStream().sum());
        assertArrayEquals(trainFirst, Arrays.copyOf(c.trainIds(), 5));
        assertEquals(vocabSize, c.vocabulary().size());
        assertEquals(vocabHead, c.vocabulary().characters().substring(0, vocabHead.length()));
        assertEquals(vocabSha, sha256(c.vocabulary().characters().getBytes(StandardCharsets.UTF_8)));
        int[] stream = PoetryCorpus.stream(c.train());
        assertEquals(trainTokens, stream.length);
        assertEquals(trainUnk, Arrays.stream(stream).filter(t -> t == PoetryVocabulary.UNK).count());
        assertArrayEquals(streamFirst, Arrays.copyOf(stream, streamFirst.length));
        assertEquals(streamSha, sha256(ints(stream)));
        int[] val = PoetryCorpus.stream(c.validation());
        assertEquals(valTokens, val.length);
        assertEquals(valTargets, val.length - c.validation().length);
        assertEquals(valUnk, Arrays.stream(val).filter(t -> t == PoetryVocabulary.UNK).count());
        assertEquals(valSha, sha256(ints(val)));
    }

    private static byte[] ints(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b.array();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
