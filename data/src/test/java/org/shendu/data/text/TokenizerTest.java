package org.shendu.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.shendu.core.ShenduException;
import org.shendu.data.Samples;

class TokenizerTest {

    /** Expected tokens from the anchors' Python: {@code re.findall(r"(?:[^\W_]|')+", text.lower().replace("<br />", " "))}. */
    @Test
    void englishMatchesTheAnchorTokenization() {
        Tokenizer t = EnglishTokenizer.brOnly();
        assertEquals(List.of("it's", "a", "great", "movie", "10", "10", "café", "naïve", "½", "ⅻ", "x²"),
                t.tokenize("It's <br />a GREAT_movie, 10/10!! Café naïve ½ Ⅻ x²"));
        assertEquals(List.of("don't", "stop", "'quoted'", "can''t"), t.tokenize("don't<br /><br />stop 'quoted' can''t"));
        assertEquals(List.of("àb", "日本語", "١٢٣", "e", "ﬁ"), t.tokenize("ÀB 日本語 ١٢٣ e\u0301 ﬁ"));
    }

    @Test
    void englishDropsRealHtmlTagsButKeepsBracketedProse() {
        Tokenizer t = new EnglishTokenizer();
        assertEquals(List.of("a", "very", "good", "film"), t.tokenize("A <i>very</i> <BR>good<p> film"));
        assertEquals(List.of("shakes", "his", "head", "no"), t.tokenize("<shakes his head> no"));
        assertEquals(List.of("i", "really", "liked"), t.tokenize("I <em class=\"x\">really</em> liked"));
    }

    @Test
    void chineseSegmentsWordsAndDropsPunctuation() {
        List<String> tokens = new ChineseTokenizer().tokenize("这家酒店的服务非常好，房间也很干净。");
        assertEquals(List.of("这家", "酒店", "的", "服务", "非常", "好", "房间", "也", "很", "干净"), tokens);
        List<String> withStops = new ChineseTokenizer(true).tokenize("这家酒店的服务非常好");
        assertTrue(!withStops.contains("的") && withStops.contains("酒店"), withStops.toString());
    }

    @Test
    void chineseIsThreadSafe() {
        var reviews = Samples.chineseReviews();
        Tokenizer t = Tokenizer.named("chinese");
        List<List<String>> sequential = reviews.stream().map(r -> t.tokenize(r.text())).toList();
        List<List<String>> parallel = reviews.parallelStream().map(r -> t.tokenize(r.text())).toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void charactersKeepSupplementaryCodePointsWhole() {
        String text = "𠀀字 𪚥";
        assertEquals(List.of("𠀀", "字", "𪚥"), new CharTokenizer().tokenize(text));
        assertEquals(List.of("𠀀", "字", " ", "𪚥"), new CharTokenizer(true).tokenize(text));
    }

    @Test
    void specsRoundTrip() {
        for (Tokenizer t : List.of(new EnglishTokenizer(), EnglishTokenizer.brOnly(), new ChineseTokenizer(),
                new ChineseTokenizer(true), new CharTokenizer(), new CharTokenizer(true))) {
            Tokenizer back = Tokenizer.fromSpec(t.spec());
            assertEquals(t.spec(), back.spec());
            String text = "It's <i>good</i> 很好 𠀀";
            assertEquals(t.tokenize(text), back.tokenize(text));
        }
        ShenduException e = assertThrows(ShenduException.class, () -> Tokenizer.named("klingon"));
        assertEquals("unknown tokenizer `klingon`, expected english, chinese or chars", e.getMessage());
        assertThrows(ShenduException.class, () -> Tokenizer.fromSpec(new TokenizerSpec("english", Map.of("html", "x"))));
    }

    @Test
    void englishIsFastEnough() {
        // A smoke bound, not a benchmark: 1,000 reviews must tokenize in well under a second.
        var reviews = Samples.imdb();
        Tokenizer t = new EnglishTokenizer();
        long tokens = IntStream.range(0, 3).mapToLong(i -> reviews.stream().mapToLong(r -> t.tokenize(r.text()).size()).sum()).sum();
        assertTrue(tokens > 600_000, "tokens " + tokens);
    }
}
