package org.shendu.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.shendu.core.ShenduException;

/**
 * The small samples shipped inside the jar (a few MB in all; sources and licenses in
 * {@code samples/README.md}), so every command has a default that runs offline.
 */
public final class Samples {
    private static final String ROOT = "samples/";

    private Samples() {}

    /** 1,000 labeled IMDB training reviews (500 positive, 500 negative). */
    public static List<Review> imdb() {
        return imdb("train");
    }

    /** 1,000 labeled IMDB reviews of a split, {@code train} or {@code test}. */
    public static List<Review> imdb(String split) {
        String name = "imdb-" + split + ".tsv.gz";
        try (Stream<Review> reviews = ImdbReader.stream(open(name), name)) {
            return reviews.toList();
        }
    }

    /** 800 Chinese reviews: 400 hotel reviews (ChnSentiCorp) and 400 food-delivery reviews (waimai). */
    public static List<LabeledText> chineseReviews() {
        return Stream.concat(chineseReviews("chnsenticorp").stream(), chineseReviews("waimai").stream()).toList();
    }

    /** 400 reviews (200 positive, 200 negative) of {@code chnsenticorp} or {@code waimai}. */
    public static List<LabeledText> chineseReviews(String corpus) {
        String name = corpus + ".tsv.gz";
        return LabeledTsvReader.readAll(open(name), name);
    }

    /** 600 Tang poems in simplified characters. */
    public static List<Poem> poems() {
        String name = "tang-poems.jsonl.gz";
        return PoetryReader.readAll(open(name), name);
    }

    /** 1,000 training and 200 test MNIST digits. */
    public static ImageSet mnist() {
        return images("mnist");
    }

    /** 1,000 training and 200 test Fashion-MNIST images. */
    public static ImageSet fashionMnist() {
        return images("fashion-mnist");
    }

    /** 40 questions from each section of the Google analogy set. */
    public static AnalogySet analogies() {
        return AnalogySet.read(open("questions-words.txt"), "questions-words.txt");
    }

    public static List<WordPair> wordSim353() {
        return WordPairs.read(open("wordsim353.tsv"), "wordsim353.tsv");
    }

    public static List<WordPair> simLex999() {
        return WordPairs.read(open("simlex999.txt"), "simlex999.txt");
    }

    /** Opens a sample by file name (see {@code samples/README.md}). */
    public static InputStream open(String name) {
        InputStream in = Samples.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new ShenduException("shipped sample " + name + " is missing from the jar");
        }
        return in;
    }

    private static ImageSet images(String dataset) {
        return new ImageSet(
                idxImages(dataset + "-train-images-idx3-ubyte.gz"), idxLabels(dataset + "-train-labels-idx1-ubyte.gz"),
                idxImages(dataset + "-t10k-images-idx3-ubyte.gz"), idxLabels(dataset + "-t10k-labels-idx1-ubyte.gz"));
    }

    private static IdxImages idxImages(String name) {
        try (InputStream in = open(name)) {
            return IdxReader.images(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] idxLabels(String name) {
        try (InputStream in = open(name)) {
            return IdxReader.labels(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
