package org.shendu.word2vec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {
    @Test
    void drawsFollowTheUnigramDistributionToThePowerThreeQuarters() {
        long[] counts = {1000, 400, 250, 90, 30, 10, 5, 1, 1, 1};
        NegativeSampler s = new NegativeSampler(counts, 0.75);
        int draws = 2_000_000;
        long[] seen = new long[counts.length];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < draws; i++) {
            seen[s.sample(r.nextLong(), r.nextLong())]++;
        }
        double z = 0;
        for (long c : counts) {
            z += Math.pow(c, 0.75);
        }
        for (int i = 0; i < counts.length; i++) {
            double p = Math.pow(counts[i], 0.75) / z;
            double expected = p * draws;
            double sd = Math.sqrt(draws * p * (1 - p));
            assertTrue(Math.abs(seen[i] - expected) < 5 * sd + 1,
                    "word " + i + ": seen " + seen[i] + ", expected " + expected);
        }
    }
}
