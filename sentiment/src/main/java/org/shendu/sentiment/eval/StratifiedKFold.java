package org.shendu.sentiment.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shendu.core.train.Shuffle;

/**
 * Splits example indices into {@code k} folds that keep the class proportions, after shuffling
 * each class with a seed, as scikit-learn's {@code StratifiedKFold(k, shuffle=True)}: the examples
 * of each class are dealt round-robin over the folds, so fold sizes differ by at most one per class.
 */
public final class StratifiedKFold {
    private final int folds;
    private final long seed;

    public StratifiedKFold(int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        this.folds = folds;
        this.seed = seed;
    }

    public int folds() {
        return folds;
    }

    /** One train/test split of indices into the labelled examples. */
    public record Fold(int[] train, int[] test) {}

    /** The {@code k} splits of examples with these 0/1 labels. */
    public List<Fold> split(int[] labels) {
        int[] foldOf = new int[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int label = 0; label <= 1; label++) {
            int[] members = new int[labels.length];
            int count = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == label) {
                    members[count++] = i;
                }
            }
            if (count > 0 && count < folds) {
                // Bad data, not a bug: a 3-review file cannot be split into 5 folds.
                throw new org.shendu.core.ShenduException("only " + count + " example(s) labelled "
                        + label + ", fewer than the " + folds + " cross-validation folds; give more labelled"
                        + " examples or fewer folds");
            }
            members = java.util.Arrays.copyOf(members, count);
            Shuffle.shuffle(members, random);
            for (int m = 0; m < members.length; m++) {
                foldOf[members[m]] = m % folds;
            }
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int testSize = 0;
            for (int i = 0; i < labels.length; i++) {
                testSize += foldOf[i] == f ? 1 : 0;
            }
            int[] train = new int[labels.length - testSize];
            int[] test = new int[testSize];
            int a = 0;
            int b = 0;
            for (int i = 0; i < labels.length; i++) {
                if (foldOf[i] == f) {
                    test[b++] = i;
                } else {
                    train[a++] = i;
                }
            }
            out.add(new Fold(train, test));
        }
        return out;
    }
}
