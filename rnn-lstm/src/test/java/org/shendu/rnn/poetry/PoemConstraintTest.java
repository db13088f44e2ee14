package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shendu.core.ShenduException;

/**
 * The verse-form state machine driven by random "models" (fresh random logits at every step, at
 * several temperatures and seeds), the poems then checked by reading their text back, without the
 * state machine: exact form, every acrostic head, a common rhyme group on the even lines, the tone
 * pattern.
 */
class PoemConstraintTest {
    private static PoetryVocabulary vocab;

    @BeforeAll
    static void vocabulary() {
        vocab = PoetryCorpus.prepare(PoetryCorpus.readSample()).vocabulary();
    }

    /** Samples one poem: Gumbel-max over the allowed ids of random logits divided by a temperature. */
    static String write(PoemRequest request, SplittableRandom r, double temperature) {
        PoemConstraint c = request.constraint(vocab);
        // a random "model": four random logit vectors, one per step modulo 4
        double[][] model = new double[4][vocab.size()];
        for (double[] row : model) {
            for (int id = 0; id < row.length; id++) {
                row[id] = (3 * r.nextGaussian() + (id == PoetryVocabulary.EOS ? 2 : 0)) / temperature;
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (int step = 0; !c.finished(); step++) {
            assertTrue(step < 400, "the poem never ended");
            BitSet allowed = c.allowed();
            assertFalse(allowed.isEmpty(), "nothing allowed at step " + step);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int id = allowed.nextSetBit(0); id >= 0; id = allowed.nextSetBit(id + 1)) {
                double score = model[step % 4][id] - Math.log(-Math.log(r.nextDouble()));
                if (score > bestScore) {
                    bestScore = score;
                    best = id;
                }
            }
            c.accept(best);
            ids.add(best);
        }
        assertEquals(PoetryVocabulary.EOS, ids.get(ids.size() - 1));
        int[] a = ids.stream().mapToInt(Integer::intValue).toArray();
        return vocab.decode(a, 0, a.length - 1);
    }

    /** The lines of a poem in the form, or an assertion failure saying where it breaks. */
    static List<String> lines(String poem, VerseForm form) {
        int[] cps = poem.codePoints().toArray();
        assertEquals(form.length(), cps.length, poem);
        List<String> lines = new ArrayList<>();
        for (int l = 0; l < form.lines(); l++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < form.charsPerLine(); c++) {
                int cp = cps[l * (form.charsPerLine() + 1) + c];
                assertTrue(Character.isIdeographic(cp), poem + ": not a Han character at line " + (l + 1));
                sb.appendCodePoint(cp);
            }
            int close = cps[l * (form.charsPerLine() + 1) + form.charsPerLine()];
            assertEquals(l % 2 == 1 || l == form.lines() - 1 ? '。' : '，', close, poem);
            lines.add(sb.toString());
        }
        return lines;
    }

    private static int last(String line) {
        return line.codePointAt(line.offsetByCodePoints(0, line.codePointCount(0, line.length()) - 1));
    }

    @Test
    void thousandPoemsHaveTheirFormAcrosticRhymeAndTones() {
        VerseForm[] forms = {VerseForm.WUJUE, VerseForm.QIJUE, VerseForm.WULV, VerseForm.QILV};
        double[] temperatures = {0.5, 1.0, 2.0};
        String[] acrostics = {"", "春夏秋冬", "山水风月", "", "一二"};
        int poems = 0;
        for (int seed = 0; seed < 25; seed++) {
            for (VerseForm form : forms) {
                for (int k = 0; k < 10; k++, poems++) {
                    SplittableRandom r = new SplittableRandom(seed * 1000L + k);
                    String heads = acrostics[k % acrostics.length];
                    boolean tones = k % 2 == 1;
                    PoemRequest req = PoemRequest.of(form).withAcrostic(heads).withRhyme(true).withTones(tones);
                    String poem = write(req, r, temperatures[k % temperatures.length]);
                    List<String> lines = lines(poem, form);
                    for (int h = 0; h < heads.length(); h++) {
                        assertEquals(heads.charAt(h), lines.get(h).charAt(0), poem);
                    }
                    int common = -1;
                    for (int l = 1; l < form.lines(); l += 2) {
                        common &= Prosody.rhymes(last(lines.get(l)));
                    }
                    assertNotEquals(0, common, "even lines do not rhyme: " + poem);
                    if (tones) {
                        checkTones(lines, poem);
                    }
                }
            }
        }
        assertEquals(1000, poems);
    }

    /** 二四六分明, 对 and 粘, even lines level at the end and later odd lines oblique, read from the text. */
    private static void checkTones(List<String> lines, String poem) {
        int first = lines.get(0).codePointAt(1);
        int p = Prosody.tone(first) == Prosody.Tone.OBLIQUE ? -1 : 1;
        assertNotEquals(Prosody.Tone.UNKNOWN, Prosody.tone(first), poem);
        for (int l = 0; l < lines.size(); l++) {
            int[] cps = lines.get(l).codePoints().toArray();
            int pl = l % 4 == 1 || l % 4 == 2 ? -p : p;
            for (int c = 1; c < cps.length - 1; c += 2) {
                int want = ((c - 1) / 2) % 2 == 0 ? pl : -pl;
                assertEquals(want == 1 ? Prosody.Tone.LEVEL : Prosody.Tone.OBLIQUE, Prosody.tone(cps[c]),
                        poem + ": line " + (l + 1) + " position " + (c + 1));
            }
            if (l > 0) {
                assertEquals(l % 2 == 1 ? Prosody.Tone.LEVEL : Prosody.Tone.OBLIQUE, Prosody.tone(cps[cps.length - 1]),
                        poem + ": end of line " + (l + 1));
            }
        }
    }

    @Test
    void freeVerseStopsAtTheLengthGuardAndNeverStartsWithEos() {
        for (int seed = 0; seed < 50; seed++) {
            String poem = write(PoemRequest.free().withMaxLength(20), new SplittableRandom(seed), 1.0);
            int n = poem.codePointCount(0, poem.length());
            assertTrue(n >= 1 && n <= 20, poem);
        }
    }

    @Test
    void beginningAndContinuationComeFirstAndKeepTheForm() {
        for (int seed = 0; seed < 30; seed++) {
            String poem = write(PoemRequest.free().withBeginning("春风"), new SplittableRandom(seed), 1.0);
            assertTrue(poem.startsWith("春风"), poem);
            // 续写: a five-character first line makes a 五言绝句 of it
            String cont = write(PoemRequest.free().withBeginning("白日依山尽").withRhyme(true), new SplittableRandom(seed), 1.0);
            assertEquals("白日依山尽", lines(cont, VerseForm.WUJUE).get(0));
            String acro = write(PoemRequest.of(VerseForm.QIJUE).withAcrostic("春夏秋冬").withBeginning("春风"),
                    new SplittableRandom(seed), 1.0);
            assertTrue(acro.startsWith("春风"), acro);
        }
    }

    @Test
    void acrosticWithoutFormWritesOneFiveCharacterLinePerHead() {
        String poem = write(PoemRequest.free().withAcrostic("春夏秋"), new SplittableRandom(1), 1.0);
        List<String> lines = lines(poem, new VerseForm(5, 3));
        assertEquals("春夏秋", "" + lines.get(0).charAt(0) + lines.get(1).charAt(0) + lines.get(2).charAt(0));
    }

    @Test
    void impossibleRequestsAreOneClearLine() {
        String unknown = message(PoemRequest.of(VerseForm.WUJUE).withAcrostic("春夏秋龘"));
        assertTrue(unknown.startsWith("the head character '龘' (U+9F98) is not in the model's vocabulary"), unknown);
        assertEquals("the acrostic '春夏秋冬山' has 5 heads but a 五言绝句 has 4 lines: give at most 4 or a longer form",
                message(PoemRequest.of(VerseForm.WUJUE).withAcrostic("春夏秋冬山")));
        assertEquals("the beginning '白日依山尽黄' does not fit a 五言绝句: character 6 '黄' stands where line 1 ends with '，'",
                message(PoemRequest.of(VerseForm.WUJUE).withBeginning("白日依山尽黄")));
        assertEquals("the beginning '夏日' does not fit a 五言绝句: character 1 '夏' begins line 1, but the acrostic asks for '春'",
                message(PoemRequest.of(VerseForm.WUJUE).withAcrostic("春夏").withBeginning("夏日")));
        assertEquals("the head character '，' is not a Han character: an acrostic's heads begin lines",
                message(PoemRequest.of(VerseForm.WUJUE).withAcrostic("春，")));
        for (String m : List.of(unknown)) {
            assertFalse(m.contains("\n"));
        }
    }

    private static String message(PoemRequest request) {
        return assertThrows(ShenduException.class, () -> request.constraint(vocab)).getMessage();
    }

    @Test
    void prosodyGroupsModernFinals() {
        assertEquals(Prosody.rhymes('光') & Prosody.rhymes('霜'), Prosody.rhymes('光'));
        assertNotEquals(0, Prosody.rhymes('流') & Prosody.rhymes('楼'));
        assertNotEquals(0, Prosody.rhymes('间') & Prosody.rhymes('还'));
        assertEquals(0, Prosody.rhymes('山') & Prosody.rhymes('风'));
        assertEquals(1 << Prosody.GROUPS.indexOf('支'), Prosody.rhymes('诗'));
        assertEquals(1 << Prosody.GROUPS.indexOf('齐'), Prosody.rhymes('衣'));
        assertEquals(1 << Prosody.GROUPS.indexOf('鱼'), Prosody.rhymes('鱼'));
        assertEquals(Prosody.Tone.LEVEL, Prosody.tone('春'));
        assertEquals(Prosody.Tone.OBLIQUE, Prosody.tone('月'));
        assertEquals(Prosody.Tone.UNKNOWN, Prosody.tone('看'));
    }
}
