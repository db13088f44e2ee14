package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shendu.core.ShenduException;

class Word2VecTrainerTest {
    @TempDir
    Path dir;

    private static final List<List<String>> CORPUS = SyntheticCorpus.sentences(4000, 8, 25, 42);

    private static Word2VecConfig.Builder small() {
        return Word2VecConfig.builder().dimension(32).window(4).minCount(2).epochs(5).sample(1e-3).threads(1);
    }

    @Test
    void oneThreadAndASeedGiveIdenticalVectors() {
        Word2VecConfig c = small().seed(7).build();
        Word2VecModel a = new Word2VecTrainer(c).train(Corpus.of(CORPUS)).model();
        Word2VecModel b = new Word2VecTrainer(c).train(Corpus.of(CORPUS)).model();
        assertArrayEquals(a.syn0(), b.syn0());
        assertArrayEquals(a.syn1neg(), b.syn1neg());
        Word2VecModel other = new Word2VecTrainer(small().seed(8).build()).train(Corpus.of(CORPUS)).model();
        assertFalse(Arrays.equals(a.syn0(), other.syn0()), "another seed gives other vectors");
    }

    @Test
    void textFileAndTokenizedCorpusTrainTheSameModel() throws IOException {
        Path file = dir.resolve("corpus.txt");
        StringBuilder sb = new StringBuilder();
        for (List<String> s : CORPUS) {
            sb.append(String.join(" ", s)).append('\n');
        }
        Files.writeString(file, sb);
        Word2VecConfig c = small().seed(3).build();
        Word2VecTrainer.Trained fromFile = new Word2VecTrainer(c).train(Corpus.textFile(file));
        Word2VecTrainer.Trained fromList = new Word2VecTrainer(c).train(Corpus.of(CORPUS));
        assertEquals(fromList.model().vocabulary().words(), fromFile.model().vocabulary().words());
        assertArrayEquals(fromList.model().syn0(), fromFile.model().syn0());
        long tokens = CORPUS.stream().mapToLong(List::size).sum();
        assertEquals(tokens * 5, fromFile.report().tokens());
    }

    /** Thresholds calibrated over seeds 1-10: every architecture reached purity >= 0.9 on this corpus. */
    @ParameterizedTest
    @CsvSource({"CBOW,5,false", "SKIP_GRAM,5,false", "CBOW,0,true", "SKIP_GRAM,0,true"})
    void learnsTheTopicsOfTheSyntheticCorpus(Word2VecConfig.Architecture arch, int negative, boolean hs) {
        for (long seed = 1; seed <= 2; seed++) {
            Word2VecConfig c = small().architecture(arch).negative(negative).hierarchicalSoftmax(hs).seed(seed)
                    .threads(2).build();
            Word2VecTrainer.Trained t = new Word2VecTrainer(c).train(Corpus.of(CORPUS));
            double purity = SyntheticCorpus.topicPurity(t.model().wordVectors());
            assertTrue(purity >= 0.8, arch + " neg " + negative + " hs " + hs + " seed " + seed + ": purity " + purity);
            List<Double> loss = t.report().epochLoss();
            assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss falls: " + loss);
        }
    }

    @Test
    void vocabularyIsMostFrequentFirstWithMinCountAndCap() {
        List<List<String>> s = List.of(List.of("b", "a", "a", "c", "b", "a", "d"), List.of("c", "e", "e"));
        WordVocabulary v = new Word2VecTrainer(small().minCount(2).window(1).build()).buildVocabulary(Corpus.of(s));
        assertEquals(List.of("a", "b", "c", "e"), v.words());
        assertEquals(3, v.count(0));
        WordVocabulary capped = new Word2VecTrainer(small().minCount(1).maxVocabulary(2).window(1).build())
                .buildVocabulary(Corpus.of(s));
        assertEquals(List.of("a", "b"), capped.words());
    }

    @Test
    void emptyCorpusAndTinyCorpusFailWithOneLine() throws IOException {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n\n");
        ShenduException e = assertThrows(ShenduException.class,
                () -> new Word2VecTrainer(small().build()).train(Corpus.textFile(empty)));
        assertEquals(empty + ": no word occurs at least 2 times (min-count 2); the corpus is empty", e.getMessage());

        Path tiny = dir.resolve("tiny.txt");
        Files.writeString(tiny, "a b a b\n");
        e = assertThrows(ShenduException.class,
                () -> new Word2VecTrainer(small().minCount(1).window(5).build()).train(Corpus.textFile(tiny)));
        assertEquals(tiny + ": only 4 words to train on, not more than the window (5)", e.getMessage());

        e = assertThrows(ShenduException.class,
                () -> new Word2VecTrainer(small().build()).train(Corpus.textFile(dir.resolve("missing.txt"))));
        assertTrue(e.getMessage().endsWith("missing.txt: no such corpus file"), e.getMessage());
    }

    @Test
    void subsamplingKeepsRareWordsAndThinsFrequentOnes() {
        int[] keep = Word2VecTrainer.subsamplingThresholds(new long[] {1_000_000, 1000, 1}, 1_001_001, 1e-3);
        assertEquals(1 << 24, keep[2]);
        assertEquals(1 << 24, keep[1]);
        double p = (Math.sqrt(1e6 / 1001.001) + 1) * 1001.001 / 1e6;
        assertEquals(p, keep[0] / (double) (1 << 24), 1e-6);
    }
}
