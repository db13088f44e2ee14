package org.shendu.rnn.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.shendu.core.train.Shuffle;

/**
 * A seeded, stratified hold-out split: of each class, {@code round(fraction * count)} members
 * (chosen by core's seeded {@link Shuffle}) go to the held-out part, so both parts
 * keep the class balance. Both parts are returned in increasing index order.
 */
public record StratifiedSplit(int[] fit, int[] heldOut) {

    public static StratifiedSplit of(int[] labels, double fraction, long seed) {
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> fit = new ArrayList<>(), held = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int cls = c;
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            Shuffle.shuffle(members, random);
            int take = (int) Math.round(fraction * members.length);
            for (int i = 0; i < members.length; i++) {
                (i < take ? held : fit).add(members[i]);
            }
        }
        return new StratifiedSplit(fit.stream().mapToInt(Integer::intValue).sorted().toArray(),
                held.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}
