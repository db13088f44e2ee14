package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

class DatasetTest {
    @TempDir
    Path dir;

    @Test
    void dataDirectoryResolutionOrder() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/x"), DataDirectory.resolve(Path.of("/x"), Map.of("SHENDU_DATA", "/env"), home).root());
        assertEquals(Path.of("/env"), DataDirectory.resolve(null, Map.of("SHENDU_DATA", "/env"), home).root());
        assertEquals(Path.of("/home/u/.shendu/data"), DataDirectory.resolve(null, Map.of(), home).root());
    }

    @Test
    void missingDatasetIsReportedNotThrown() {
        DatasetInfo info = Dataset.MNIST.inspect(new DataDirectory(dir, "test"));
        assertEquals("not found", info.problem());
    }

    @Test
    void brokenDatasetNamesTheFile() throws Exception {
        TestFiles.write(dir, "chinese-sentiment/ChnSentiCorp_htl_all.tsv.gz", "label\ttext\nx\ty\n", true);
        DatasetInfo info = Dataset.CHINESE_SENTIMENT.inspect(new DataDirectory(dir, "test"));
        assertTrue(info.problem().endsWith("ChnSentiCorp_htl_all.tsv.gz:2: bad label `x`, expected a whole number such as 0 or 1"),
                info.problem());
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals(Dataset.FASHION_MNIST, Dataset.named("Fashion-MNIST"));
        ShenduException e = assertThrows(ShenduException.class, () -> Dataset.named("cifar"));
        assertEquals("unknown dataset `cifar`; known: imdb, poetry, mnist, fashion-mnist, chinese-sentiment, word-eval", e.getMessage());
    }

    /** The exact record counts of the full datasets (what {@code shendu data info} reports). */
    @Test
    void fullDataCounts() {
        Path data = TestFiles.fullData();
        assumeTrue(data != null, "SHENDU_DATA not set");
        DataDirectory dd = new DataDirectory(data, "test");
        assertEquals(Map.of("train", 25_000L, "test", 25_000L, "unlabeled", 50_000L), Dataset.IMDB.inspect(dd).counts());
        assertEquals(Map.of("traditional", 57_607L, "simplified", 57_591L), Dataset.POETRY.inspect(dd).counts());
        assertEquals(Map.of("train", 60_000L, "test", 10_000L), Dataset.MNIST.inspect(dd).counts());
        assertEquals(Map.of("train", 60_000L, "test", 10_000L), Dataset.FASHION_MNIST.inspect(dd).counts());
        assertEquals(Map.of("ChnSentiCorp", 7_766L, "waimai", 11_987L), Dataset.CHINESE_SENTIMENT.inspect(dd).counts());
        Map<String, Long> eval = Dataset.WORD_EVAL.inspect(dd).counts();
        assertEquals(19_544L, eval.get("analogy questions"));
        assertEquals(14L, eval.get("analogy sections"));
        assertEquals(353L, eval.get("WordSim353 pairs"));
        assertEquals(999L, eval.get("SimLex-999 pairs"));
    }
}
