package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class Word2VecModelTest {
    @TempDir
    Path dir;

    private static final List<List<String>> CORPUS = SyntheticCorpus.sentences(1500, 5, 20, 9);

    @Test
    void savesLoadsAndContinuesTraining() throws IOException {
        Word2VecConfig c = Word2VecConfig.builder().dimension(16).window(3).minCount(2).epochs(2).threads(1)
                .hierarchicalSoftmax(true).seed(4).build();
        Word2VecModel model = new Word2VecTrainer(c).train(Corpus.of(CORPUS)).model();
        Path file = dir.resolve("m.w2v");
        model.save(file);
        Word2VecModel back = Word2VecModel.load(file);
        assertEquals(model.config(), back.config());
        assertEquals(model.vocabulary().words(), back.vocabulary().words());
        assertEquals(model.vocabulary().count(3), back.vocabulary().count(3));
        assertArrayEquals(model.syn0(), back.syn0());
        assertArrayEquals(model.syn1neg(), back.syn1neg());
        assertArrayEquals(model.syn1(), back.syn1());
        assertEquals(2, back.epochsTrained());

        float[] before = back.syn0().clone();
        TrainingReport r = new Word2VecTrainer(c).continueTraining(back, Corpus.of(CORPUS), 1);
        assertEquals(3, back.epochsTrained());
        assertFalse(Arrays.equals(before, back.syn0()));
        assertEquals(1, r.epochLoss().size());
        assertTrue(SyntheticCorpus.topicPurity(back.wordVectors()) > 0.7);
        assertNull(back.vector("not-a-word"));
        assertEquals(16, back.vector(back.vocabulary().word(0)).length);
    }

    @Test
    void corruptModelFilesFailWithOneLine() throws IOException {
        Path p = dir.resolve("bad.w2v");
        Files.writeString(p, "2 3\na 1 2 3\n");
        assertTrue(assertThrows(ShenduException.class, () -> Word2VecModel.load(p)).getMessage()
                .contains("not a shendu word2vec model"));
        Word2VecConfig c = Word2VecConfig.builder().dimension(8).window(2).minCount(1).epochs(1).threads(1).build();
        Word2VecModel m = new Word2VecTrainer(c).train(Corpus.of(CORPUS)).model();
        m.save(p);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(bytes, bytes.length - 10));
        String cut = assertThrows(ShenduException.class, () -> Word2VecModel.load(p)).getMessage();
        assertTrue(cut.startsWith(p + ": truncated: the data of "), cut);
        // Weights overwritten with random bytes: refused by the checksum, not loaded as garbage.
        long header = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] noise = bytes.clone();
        java.util.Random random = new java.util.Random(2);
        for (int i = noise.length / 2; i < noise.length; i++) {
            noise[i] = (byte) random.nextInt(256);
        }
        assertTrue(noise.length / 2 > 8 + header);
        Files.write(p, noise);
        assertEquals(p + ": damaged: its tensor data does not match the checksum in its header; restore the file or save"
                + " it again", assertThrows(ShenduException.class, () -> Word2VecModel.load(p)).getMessage());
        Files.writeString(p, "SHENDU-WORD2VEC-MODEL 1\n{}\n");
        assertTrue(assertThrows(ShenduException.class, () -> Word2VecModel.load(p)).getMessage()
                .contains("a word2vec model of format 1"));
    }
}
