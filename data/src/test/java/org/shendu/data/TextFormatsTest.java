package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

/** The small text formats: label TSV, poetry JSON, analogy questions, word pairs. */
class TextFormatsTest {
    @TempDir
    Path dir;

    @Test
    void labeledTsv() throws Exception {
        Path f = TestFiles.write(dir, "a.tsv.gz", "label\ttext\n1\t很好\t有tab\n0\t\n", true);
        assertEquals(List.of(new LabeledText(1, "很好\t有tab"), new LabeledText(0, "")), LabeledTsvReader.readAll(f));
    }

    @Test
    void labeledTsvBadLabel() throws Exception {
        Path f = TestFiles.write(dir, "a.tsv", "label\ttext\n1\tok\nyes\tbad\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> LabeledTsvReader.readAll(f));
        assertEquals(f + ":3: bad label `yes`, expected a whole number such as 0 or 1", e.getMessage());
    }

    @Test
    void labeledTsvMissingField() throws Exception {
        Path f = TestFiles.write(dir, "a.tsv", "label\ttext\n1 no tab\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> LabeledTsvReader.readAll(f));
        assertEquals(f + ":2: expected 2 tab-separated fields (label, text), found 1", e.getMessage());
    }

    @Test
    void poetryJsonLinesAndUpstreamArrays() throws Exception {
        Path jsonl = TestFiles.write(dir, "p.jsonl", "{\"title\":\"静夜思\",\"author\":\"李白\",\"paragraphs\":[\"床前明月光，疑是地上霜。\",\"举头望明月，低头思故乡。\"]}\n", false);
        Poem poem = PoetryReader.readAll(jsonl).get(0);
        assertEquals("李白", poem.author());
        assertEquals("床前明月光，疑是地上霜。举头望明月，低头思故乡。", poem.text());
        TestFiles.write(dir, "tang/poet.tang.1000.json", "[{\"author\":\"B\",\"paragraphs\":[\"二\"],\"title\":\"t2\",\"id\":\"x\"}]", false);
        TestFiles.write(dir, "tang/poet.tang.0.json", "[\n {\"author\":\"A\",\"paragraphs\":[\"一\"],\"title\":\"t1\",\"tags\":[]}\n]", false);
        List<Poem> poems = PoetryReader.readAll(dir.resolve("tang"));
        assertEquals(List.of("A", "B"), poems.stream().map(Poem::author).toList());
    }

    @Test
    void poetryInvalidJsonNamesTheLine() throws Exception {
        Path f = TestFiles.write(dir, "p.jsonl", "{\"title\":\"a\",\"author\":\"b\",\"paragraphs\":[]}\n{\"title\": oops}\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> PoetryReader.readAll(f));
        assertEquals(true, e.getMessage().startsWith(f + ":2: invalid JSON"), e.getMessage());
    }

    @Test
    void analogiesWithSectionsAndCrlf() throws Exception {
        Path f = TestFiles.write(dir, "q.txt", ": capitals\r\nAthens Greece Baghdad Iraq\r\n: family\r\nboy girl brother sister", false);
        AnalogySet set = AnalogySet.read(f);
        assertEquals(2, set.sections().size());
        assertEquals(new Analogy("boy", "girl", "brother", "sister"), set.sections().get(1).questions().get(0));
        assertEquals(2, set.questionCount());
    }

    @Test
    void analogyWithThreeWords() throws Exception {
        Path f = TestFiles.write(dir, "q.txt", ": s\na b c\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> AnalogySet.read(f));
        assertEquals(f + ":2: expected 4 words `a b c d`, found 3", e.getMessage());
    }

    @Test
    void wordPairsSkipComments() throws Exception {
        Path f = TestFiles.write(dir, "ws.tsv", "# comment\n# Word 1\tWord 2\tHuman (mean)\nlove\tsex\t6.77\n", false);
        assertEquals(List.of(new WordPair("love", "sex", 6.77)), WordPairs.read(f));
        Path bad = TestFiles.write(dir, "bad.tsv", "a\tb\tlots\n", false);
        ShenduException e = assertThrows(ShenduException.class, () -> WordPairs.read(bad));
        assertEquals(bad + ":1: bad score `lots`, expected a number", e.getMessage());
    }

    @Test
    void shippedEvaluationSamples() {
        assertEquals(14, Samples.analogies().sections().size());
        assertEquals(353, Samples.wordSim353().size());
        assertEquals(999, Samples.simLex999().size());
        assertEquals(600, Samples.poems().size());
        assertEquals(800, Samples.chineseReviews().size());
    }
}
