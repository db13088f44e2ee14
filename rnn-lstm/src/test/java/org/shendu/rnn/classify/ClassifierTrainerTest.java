package org.shendu.rnn.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;

/** Training on a tiny task, the kept best epoch, frozen embeddings, and save/load equality. */
class ClassifierTrainerTest {
    private static final Device CPU = Device.of("cpu");
    private static final List<String> WORDS = List.of("good", "bad", "the", "a", "film", "plot", "was", "and");

    @TempDir
    Path dir;

    /** Label 1 when "good" occurs among filler words, 0 when "bad" does; lengths 3 to 20. */
    private static List<List<String>> texts(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int len = 3 + r.nextInt(18);
            List<String> t = new ArrayList<>();
            for (int k = 0; k < len; k++) {
                t.add(WORDS.get(2 + r.nextInt(WORDS.size() - 2)));
            }
            t.set(r.nextInt(len), labels[i] == 1 ? "good" : "bad");
            out.add(t);
        }
        return out;
    }

    private static TrainingOptions options(int epochs, EmbeddingMode mode) {
        return new TrainingOptions(epochs, 16, 1e-2f, 0f, 5f, mode, 0.2, 3, true, 3);
    }

    @Test
    void learnsAKeywordTaskAndKeepsTheBestEpoch() {
        int[] labels = new int[240];
        List<List<String>> texts = texts(labels.length, 1, labels);
        TokenIds vocab = new TokenIds(WORDS);
        List<int[]> ids = texts.stream().map(t -> vocab.encode(t, 50, Truncation.HEAD)).toList();
        ClassifierConfig config = new ClassifierConfig(vocab.size(), 8, 8, 1, true, Pooling.MEAN_MAX, 0f, 0.1f, 2, true);
        ClassifierTrainer.Result r = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .train(config, null, new EncodedTexts(ids, labels), options(6, EmbeddingMode.FINE_TUNED));
        double bestVal = r.epochs().stream().mapToDouble(ClassifierTrainer.EpochFigures::valAccuracy).max().orElseThrow();
        assertEquals(bestVal, r.best().valAccuracy());
        assertTrue(bestVal >= 0.95, "validation accuracy " + bestVal);
        assertEquals(48, r.validationExamples());
        // the returned model is the best epoch's: it scores the validation set as that epoch did
        StratifiedSplit split = StratifiedSplit.of(labels, 0.2, 3);
        double[] la = BatchedScoring.lossAndAccuracy(r.model(), new EncodedTexts(ids, labels), split.heldOut(), 0);
        assertEquals(r.best().valAccuracy(), la[1], 1e-12);
    }

    @Test
    void frozenEmbeddingsStayAsGiven() {
        int[] labels = new int[64];
        List<List<String>> texts = texts(labels.length, 2, labels);
        TokenIds vocab = new TokenIds(WORDS);
        List<int[]> ids = texts.stream().map(t -> vocab.encode(t, 50, Truncation.HEAD)).toList();
        ClassifierConfig config = new ClassifierConfig(vocab.size(), 4, 4, 1, false, Pooling.MAX, 0f, 0f, 2, true);
        float[] table = new float[vocab.size() * 4];
        for (int i = 8; i < table.length; i++) {
            table[i] = (i % 7) * 0.1f - 0.3f;
        }
        ClassifierTrainer.Result frozen = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .train(config, table, new EncodedTexts(ids, labels), options(2, EmbeddingMode.FROZEN));
        assertArrayEquals(table, frozen.model().embedding().weight().toFloatArray(), 0f);
        ClassifierTrainer.Result firstEpoch = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .train(config, table, new EncodedTexts(ids, labels), options(1, EmbeddingMode.FROZEN_FIRST_EPOCH));
        assertArrayEquals(table, firstEpoch.model().embedding().weight().toFloatArray(), 0f);
        ClassifierTrainer.Result tuned = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .train(config, table, new EncodedTexts(ids, labels), options(1, EmbeddingMode.FINE_TUNED));
        float[] after = tuned.model().embedding().weight().toFloatArray();
        assertTrue(!java.util.Arrays.equals(table, after), "fine-tuned embeddings should move");
    }

    @Test
    void savedModelGivesTheSameProbabilities() throws Exception {
        int[] labels = new int[80];
        List<List<String>> texts = texts(labels.length, 3, labels);
        TokenIds vocab = new TokenIds(WORDS);
        List<int[]> ids = texts.stream().map(t -> vocab.encode(t, 12, Truncation.HEAD_TAIL)).toList();
        ClassifierConfig config = new ClassifierConfig(vocab.size(), 6, 5, 2, true, Pooling.LAST_MEAN_MAX, 0.1f, 0.2f, 2, true);
        ClassifierTrainer.Result r = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .train(config, null, new EncodedTexts(ids, labels), options(1, EmbeddingMode.FINE_TUNED));
        TextClassifier trained = new TextClassifier(r.model(), vocab, 12, Truncation.HEAD_TAIL);
        List<List<String>> probe = new ArrayList<>(texts.subList(0, 20));
        probe.add(List.of("unseen", "words", "only"));
        probe.add(List.of());
        double[] before = trained.probabilities(probe);
        Path saved = dir.resolve("model");
        trained.save(saved, 3, Map.of("note", "test"));
        trained.save(saved, 3, Map.of("note", "again")); // replacing an earlier model
        TextClassifier.Loaded loaded = TextClassifier.load(saved, CPU);
        assertArrayEquals(before, loaded.classifier().probabilities(probe), 0.0);
        assertEquals("again", loaded.info().extra().get("note"));
        assertEquals(List.of("checkpoint.json", "model.safetensors"),
                Files.list(saved).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(1, Files.list(dir).count(), "no temporary folders left behind");
    }

    @Test
    void resumedRunEqualsTheUninterruptedOne() {
        int[] labels = new int[96];
        List<List<String>> texts = texts(labels.length, 4, labels);
        TokenIds vocab = new TokenIds(WORDS);
        EncodedTexts data = new EncodedTexts(texts.stream().map(t -> vocab.encode(t, 30, Truncation.HEAD)).toList(), labels);
        ClassifierConfig config = new ClassifierConfig(vocab.size(), 6, 5, 1, true, Pooling.MEAN_MAX, 0.2f, 0.3f, 2, true);
        float[] table = new float[vocab.size() * 6];
        for (int i = 12; i < table.length; i++) {
            table[i] = (i % 5) * 0.2f - 0.4f;
        }
        TrainingOptions three = options(3, EmbeddingMode.FROZEN_FIRST_EPOCH);
        ClassifierTrainer.Result whole = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .checkpoints(dir.resolve("whole"), false, Map.of()).train(config, table, data, three);
        new ClassifierTrainer(CPU, Progress.Factory.NONE).checkpoints(dir.resolve("cut"), false, Map.of())
                .train(config, table, data, three.withEpochs(1));
        assertTrue(ClassifierTrainer.canResume(dir.resolve("cut")));
        ClassifierTrainer.Result resumed = new ClassifierTrainer(CPU, Progress.Factory.NONE)
                .checkpoints(dir.resolve("cut"), true, Map.of()).train(config, table, data, three);
        assertEquals(whole.epochs().size(), resumed.epochs().size());
        for (int e = 0; e < whole.epochs().size(); e++) {
            ClassifierTrainer.EpochFigures a = whole.epochs().get(e), b = resumed.epochs().get(e);
            assertEquals(List.of(a.epoch(), a.loopLoss(), a.trainLoss(), a.trainAccuracy(), a.valLoss(), a.valAccuracy()),
                    List.of(b.epoch(), b.loopLoss(), b.trainLoss(), b.trainAccuracy(), b.valLoss(), b.valAccuracy()));
        }
        assertEquals(whole.bestEpoch(), resumed.bestEpoch());
        assertArrayEquals(whole.model().embedding().weight().toFloatArray(), resumed.model().embedding().weight().toFloatArray(), 0f);
        int[] rows = java.util.stream.IntStream.range(0, labels.length).toArray();
        assertArrayEquals(BatchedScoring.logits(whole.model(), data, rows, 0), BatchedScoring.logits(resumed.model(), data, rows, 0), 0f);
        // another network cannot resume this state
        ClassifierConfig wider = new ClassifierConfig(vocab.size(), 6, 7, 1, true, Pooling.MEAN_MAX, 0.2f, 0.3f, 2, true);
        ShenduException e = org.junit.jupiter.api.Assertions.assertThrows(ShenduException.class, () ->
                new ClassifierTrainer(CPU, Progress.Factory.NONE).checkpoints(dir.resolve("cut"), true, Map.of())
                        .train(wider, table, data, three));
        assertTrue(e.getMessage().contains("resume with the options of the interrupted run"), e.getMessage());
    }

    @Test
    void loadingSomethingElseIsOneLine() throws Exception {
        Path notAModel = Files.createDirectories(dir.resolve("empty"));
        ShenduException e = org.junit.jupiter.api.Assertions.assertThrows(ShenduException.class,
                () -> TextClassifier.load(notAModel, CPU));
        assertTrue(e.getMessage().contains("not a checkpoint folder"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void stratifiedSplitKeepsTheBalanceAndIsSeeded() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 300 ? 1 : 0;
        }
        StratifiedSplit s = StratifiedSplit.of(labels, 0.1, 5);
        assertEquals(100, s.heldOut().length);
        assertEquals(30, java.util.Arrays.stream(s.heldOut()).map(i -> labels[i]).sum());
        assertEquals(900, s.fit().length);
        assertArrayEquals(s.heldOut(), StratifiedSplit.of(labels, 0.1, 5).heldOut());
        assertTrue(!java.util.Arrays.equals(s.heldOut(), StratifiedSplit.of(labels, 0.1, 6).heldOut()));
    }

    @Test
    void truncationKeepsHeadAndTail() {
        TokenIds vocab = new TokenIds(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        List<String> t = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        assertArrayEquals(new int[] {2, 3, 4, 5}, vocab.encode(t, 4, Truncation.HEAD));
        assertArrayEquals(new int[] {2, 7, 8, 9}, vocab.encode(t, 4, Truncation.HEAD_TAIL));
        assertArrayEquals(new int[] {RecurrentClassifier.UNKNOWN}, vocab.encode(List.of(), 4, Truncation.HEAD));
        assertArrayEquals(new int[] {RecurrentClassifier.UNKNOWN, 2}, vocab.encode(List.of("zz", "a"), 4, Truncation.HEAD));
    }
}
