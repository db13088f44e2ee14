package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class ImdbReaderTest {
    private static final String HEADER = "id\tsentiment\trating\treview\n";

    @TempDir
    Path dir;

    @Test
    void readsTsv() throws Exception {
        Path f = TestFiles.write(dir, "train.tsv.gz", HEADER + "0_9\t1\t9\tGreat \"film\"<br />!\n1_2\t0\t2\tBad.\n", true);
        List<Review> reviews = ImdbReader.readAll(f);
        assertEquals(List.of(new Review("0_9", 1, 9, "Great \"film\"<br />!"), new Review("1_2", 0, 2, "Bad.")), reviews);
    }

    @Test
    void unlabeledReviewsHaveLabelMinusOne() throws Exception {
        Path f = TestFiles.write(dir, "unsup.tsv", HEADER + "7_0\t\t0\tNo label here.\n", false);
        assertEquals(-1, ImdbReader.readAll(f).get(0).label());
    }

    @Test
    void tooFewFieldsNamesFileAndLine() throws Exception {
        Path f = TestFiles.write(dir, "t.tsv", HEADER + "0_9\t1\t9\tok\n1_2\t0\tmissing\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> ImdbReader.readAll(f));
        assertEquals(f + ":3: expected 4 tab-separated fields, found 3", e.getMessage());
    }

    @Test
    void badLabel() throws Exception {
        Path f = TestFiles.write(dir, "t.tsv", HEADER + "0_9\tpos\t9\tok\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> ImdbReader.readAll(f));
        assertEquals(f + ":2: bad sentiment label `pos`, expected 1, 0 or empty", e.getMessage());
    }

    @Test
    void wrongHeader() throws Exception {
        Path f = TestFiles.write(dir, "t.tsv", "label\ttext\n1\thi\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> ImdbReader.readAll(f));
        assertEquals(f + ":1: expected the header `id<TAB>sentiment<TAB>rating<TAB>review`", e.getMessage());
    }

    @Test
    void readsTheOriginalFolderTree() throws Exception {
        Path split = dir.resolve("aclImdb/train");
        TestFiles.write(split, "pos/10_8.txt", "Ten.", false);
        TestFiles.write(split, "pos/2_7.txt", "Two\twith tab.", false);
        TestFiles.write(split, "neg/0_1.txt", "Zero.", false);
        Files.createDirectories(split.resolve("unsup"));
        TestFiles.write(split, "unsup/5_0.txt", "Five.", false);
        List<Review> reviews = ImdbReader.readAll(split);
        assertEquals(List.of(new Review("2_7", 1, 7, "Two with tab."), new Review("10_8", 1, 8, "Ten."),
                new Review("0_1", 0, 1, "Zero."), new Review("5_0", -1, 0, "Five.")), reviews);
    }

    @Test
    void locateFindsTheTreeWhenNoTsv() throws Exception {
        Path root = dir.resolve("data");
        Files.createDirectories(root.resolve("imdb/aclImdb/test/pos"));
        Files.createDirectories(root.resolve("imdb/aclImdb/train/unsup"));
        DataDirectory data = new DataDirectory(root, "test");
        assertEquals(root.resolve("imdb/aclImdb/test"), ImdbReader.locate(data, "test"));
        assertEquals(root.resolve("imdb/aclImdb/train/unsup"), ImdbReader.locate(data, "unsup"));
    }

    @Test
    void sampleHasBalancedLabels() {
        List<Review> sample = Samples.imdb();
        assertEquals(1000, sample.size());
        assertEquals(500, sample.stream().filter(r -> r.label() == 1).count());
        assertEquals(1000, Samples.imdb("test").size());
    }

    @Test
    void fullDatasetCounts() {
        Path data = TestFiles.fullData();
        assumeTrue(data != null, "SHENDU_DATA not set");
        for (var split : List.of(new Object[] {"train", 25_000L}, new Object[] {"test", 25_000L}, new Object[] {"unsup", 50_000L})) {
            try (Stream<Review> reviews = ImdbReader.stream(data.resolve("imdb/" + split[0] + ".tsv.gz"))) {
                assertEquals(split[1], reviews.count(), "reviews in " + split[0]);
            }
        }
    }
}
