package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void infoOnAnEmptyDirectorySaysHowToGetEachDataset() {
        Cli r = Cli.run("data", "info", "--data", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("imdb               not found: run `shendu data fetch imdb`"), r.out());
        assertTrue(r.out().contains("poetry             not found: put "), r.out());
    }

    @Test
    void infoAsJson() throws Exception {
        Files.createDirectories(dir.resolve("mnist"));
        Cli r = Cli.run("data", "info", "--json", "--data", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(6, root.get("datasets").size());
        JsonNode mnist = root.get("datasets").get(2);
        assertEquals("mnist", mnist.get("name").asText());
        assertTrue(mnist.get("problem").asText().endsWith("train-images-idx3-ubyte: no such file"), mnist.toString());
    }

    @Test
    void fetchOfAnUnknownDatasetIsOneLine() {
        Cli r = Cli.run("data", "fetch", "cifar", "--data", dir.toString());
        assertEquals(2, r.exit());
        assertEquals("shendu: NAME must be one of imdb, mnist, fashion-mnist, word-eval, poetry, chinese-sentiment,"
                + " got 'cifar' (see `shendu data fetch --help`)\n", r.err());
    }

    @Test
    void fetchOfAManualDatasetExplains() {
        Cli r = Cli.run("data", "fetch", "chinese-sentiment", "--data", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("shendu: chinese-sentiment cannot be downloaded automatically"), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void infoOnTheFullData() {
        String data = System.getenv("SHENDU_DATA");
        assumeTrue(data != null && !data.isBlank(), "SHENDU_DATA not set");
        Cli r = Cli.run("data", "info");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("imdb               train 25,000 · test 25,000 · unlabeled 50,000"), r.out());
        assertTrue(r.out().contains("poetry             traditional 57,607 · simplified 57,591"), r.out());
        assertTrue(r.out().contains("chinese-sentiment  ChnSentiCorp 7,766 · waimai 11,987"), r.out());
    }

    @Test
    void benchDataWithoutDataIsOneLine() {
        Cli r = Cli.run("bench", "data", "--rounds", "1", "--data", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("shendu: ") && r.err().contains("run `shendu data fetch imdb`"), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
