package org.shendu.rnn.poetry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shendu.core.ShenduException;
import org.shendu.data.Poem;
import org.shendu.data.PoetryReader;
import org.shendu.data.batch.SplitMix64;

/**
 * The poems a character language model trains and is validated on, prepared exactly as the quality
 * anchor ({@code QUALITY.md} §1): bodies are the joined paragraphs, {@link PoemFilter} drops notes and
 * out-of-range lengths, a SplitMix64 permutation (seed 42) puts {@code n / 20} poems in validation
 * (ascending id order) and the rest in training (permutation order), and the vocabulary counts the
 * training bodies. Our perplexity and the PyTorch reference's are then the same number.
 */
public final class PoetryCorpus {
    public static final long SPLIT_SEED = 42;
    private static final String SAMPLE = "/org/shendu/rnn/poetry/sample-tang.jsonl.gz";
    private final Stats stats;
    private final PoetryVocabulary vocabulary;
    private final int[] trainIds, validationIds;
    private final int[][] train, validation;

    /** How many poems were read and kept. */
    public record Stats(int read, int droppedMarks, int droppedLength, int kept) {}

    /** Filtered poem bodies of one file, in file order. */
    public record Bodies(List<String> bodies, Stats stats) {}

    private PoetryCorpus(Stats stats, PoetryVocabulary vocabulary, int[] trainIds, int[] validationIds,
            int[][] train, int[][] validation) {
        this.stats = stats;
        this.vocabulary = vocabulary;
        this.trainIds = trainIds;
        this.validationIds = validationIds;
        this.train = train;
        this.validation = validation;
    }

    /** Reads a chinese-poetry file (or folder) and applies the filter. */
    public static Bodies read(Path file) {
        return filter(PoetryReader.readAll(file), file.toString());
    }

    /** The shipped sample: the first 400 Tang poems (simplified) that pass the filter, for tests and dry runs. */
    public static Bodies readSample() {
        try (java.io.InputStream in = PoetryCorpus.class.getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new ShenduException("the shipped poem sample " + SAMPLE + " is missing from the jar");
            }
            return filter(PoetryReader.readAll(in, "sample-tang"), "sample-tang");
        } catch (java.io.IOException e) {
            throw new ShenduException("sample-tang: unreadable: " + e.getMessage());
        }
    }

    /** Applies the filter to poems already read; {@code name} appears in errors. */
    public static Bodies filter(List<Poem> poems, String name) {
        List<String> kept = new ArrayList<>();
        int marks = 0, length = 0;
        for (Poem p : poems) {
            String body = p.text();
            switch (PoemFilter.judge(body)) {
                case KEEP -> kept.add(body);
                case EDITORIAL_MARK -> marks++;
                case LENGTH -> length++;
            }
        }
        if (kept.isEmpty()) {
            throw new ShenduException(name + ": no usable poem (" + poems.size() + " read; a poem needs "
                    + PoemFilter.MIN_LENGTH + "-" + PoemFilter.MAX_LENGTH + " characters and no notes or digits)");
        }
        return new Bodies(kept, new Stats(poems.size(), marks, length, kept.size()));
    }

    /** Splits, builds the vocabulary from the training bodies and encodes both parts. */
    public static PoetryCorpus prepare(Bodies bodies) {
        List<String> all = bodies.bodies();
        int n = all.size();
        if (n < 20) {
            throw new ShenduException("a corpus needs at least 20 usable poems to hold out a validation twentieth; it has " + n);
        }
        int[] perm = SplitMix64.permutation(n, SPLIT_SEED);
        int nVal = n / 20;
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        Arrays.sort(val);
        int[] tr = Arrays.copyOfRange(perm, nVal, n);
        List<String> trainBodies = new ArrayList<>(tr.length);
        for (int i : tr) {
            trainBodies.add(all.get(i));
        }
        PoetryVocabulary vocab = PoetryVocabulary.build(trainBodies, 2);
        return new PoetryCorpus(bodies.stats(), vocab, tr, val, encodeAll(all, tr, vocab), encodeAll(all, val, vocab));
    }

    private static int[][] encodeAll(List<String> bodies, int[] which, PoetryVocabulary vocab) {
        int[][] out = new int[which.length][];
        for (int k = 0; k < which.length; k++) {
            out[k] = vocab.encode(bodies.get(which[k]));
        }
        return out;
    }

    /** Every body encoded with a given (training) vocabulary: another corpus for evaluation. */
    public static int[][] encode(Bodies bodies, PoetryVocabulary vocab) {
        return bodies.bodies().stream().map(vocab::encode).toArray(int[][]::new);
    }

    /** The poems as one stream: {@code BOS body EOS} each, concatenated. */
    public static int[] stream(int[][] poems) {
        int len = 0;
        for (int[] p : poems) {
            len += p.length + 2;
        }
        int[] s = new int[len];
        int at = 0;
        for (int[] p : poems) {
            s[at++] = PoetryVocabulary.BOS;
            System.arraycopy(p, 0, s, at, p.length);
            at += p.length;
            s[at++] = PoetryVocabulary.EOS;
        }
        return s;
    }

    /** Body characters mapped to UNK / body characters. */
    public static double unkRate(int[][] poems) {
        long unk = 0, all = 0;
        for (int[] p : poems) {
            for (int id : p) {
                unk += id == PoetryVocabulary.UNK ? 1 : 0;
            }
            all += p.length;
        }
        return all == 0 ? 0 : (double) unk / all;
    }

    public Stats stats() {
        return stats;
    }

    public PoetryVocabulary vocabulary() {
        return vocabulary;
    }

    /** Training poems' ids in the file, in split order. */
    public int[] trainIds() {
        return trainIds.clone();
    }

    /** Validation poems' ids in the file, ascending. */
    public int[] validationIds() {
        return validationIds.clone();
    }

    /** Training poems encoded, in split order (shared arrays: do not modify). */
    public int[][] train() {
        return train;
    }

    /** Validation poems encoded, ascending id order (shared arrays: do not modify). */
    public int[][] validation() {
        return validation;
    }
}
