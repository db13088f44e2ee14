package org.shendu.word2vec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A corpus with known structure for quality tests: each sentence is drawn from one of
 * {@code topics} topics of {@code wordsPerTopic} words ("t3w7"), mixed with a few shared filler
 * words. Good vectors put a word's nearest neighbours in its own topic.
 */
final class SyntheticCorpus {
    private SyntheticCorpus() {}

    static List<List<String>> sentences(int count, int topics, int wordsPerTopic, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int topic = r.nextInt(topics);
            int len = 8 + r.nextInt(8);
            List<String> sentence = new ArrayList<>(len);
            for (int i = 0; i < len; i++) {
                if (r.nextInt(4) == 0) {
                    sentence.add("the" + r.nextInt(3));
                } else {
                    // Zipf-like within the topic so that counts differ.
                    int w = (int) Math.floor(wordsPerTopic * Math.pow(r.nextDouble(), 1.5));
                    sentence.add("t" + topic + "w" + w);
                }
            }
            out.add(sentence);
        }
        return out;
    }

    static String topicOf(String word) {
        return word.startsWith("t") && word.contains("w") ? word.substring(0, word.indexOf('w')) : word;
    }

    /** Fraction of topic words whose nearest neighbour is in the same topic. */
    static double topicPurity(WordVectors v) {
        int good = 0;
        int total = 0;
        for (String w : v.words()) {
            if (!w.startsWith("t")) {
                continue;
            }
            total++;
            String nearest = v.mostSimilar(w, 1).get(0).word();
            if (topicOf(nearest).equals(topicOf(w))) {
                good++;
            }
        }
        return (double) good / total;
    }
}
