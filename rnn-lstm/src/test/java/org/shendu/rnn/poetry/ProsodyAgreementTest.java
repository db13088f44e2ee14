package org.shendu.rnn.poetry;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How far the modern-reading rhyme and tone classes ({@link Prosody}) agree with what Tang poets
 * wrote: over every regulated-length poem of the simplified corpus (4 or 8 lines of 5 or 7 characters,
 * punctuated as {@link VerseForm}), the share whose even lines end in a common rhyme group, and the
 * share of even-line final characters counted level. Tang poets rhymed by Middle Chinese (平水韵), so
 * disagreement measures the approximation. Figures are printed; the bounds only guard against a
 * broken table.
 */
class ProsodyAgreementTest {
    @Test
    void modernRhymesAndTonesAgainstTangRegulatedVerse() {
        String dir = System.getenv("SHENDU_DATA");
        assumeTrue(dir != null && !dir.isBlank(), "SHENDU_DATA not set");
        Path file = Path.of(dir, "poetry", "tang.simplified.jsonl.gz");
        assumeTrue(Files.exists(file));
        int poems = 0, rhymed = 0, endings = 0, level = 0, oblique = 0, unknown = 0, noRhyme = 0;
        for (String body : PoetryCorpus.read(file).bodies()) {
            VerseForm form = formOf(body);
            if (form == null) {
                continue;
            }
            poems++;
            int[] cps = body.codePoints().toArray();
            int common = -1;
            for (int l = 1; l < form.lines(); l += 2) {
                int cp = cps[l * (form.charsPerLine() + 1) + form.charsPerLine() - 1];
                int r = Prosody.rhymes(cp);
                noRhyme += r == 0 ? 1 : 0;
                common &= r;
                endings++;
                switch (Prosody.tone(cp)) {
                    case LEVEL -> level++;
                    case OBLIQUE -> oblique++;
                    default -> unknown++;
                }
            }
            rhymed += common != 0 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "regulated-length poems %d: even lines share a modern rhyme group in %.1f %%; "
                + "even-line endings level %.1f %%, oblique %.1f %%, unknown %.1f %%, no reading %.2f %%%n", poems,
                100.0 * rhymed / poems, 100.0 * level / endings, 100.0 * oblique / endings, 100.0 * unknown / endings,
                100.0 * noRhyme / endings);
        assertTrue(poems > 10000 && rhymed > poems / 2 && level > endings / 2);
    }

    private static VerseForm formOf(String body) {
        for (VerseForm f : new VerseForm[] {VerseForm.WUJUE, VerseForm.QIJUE, VerseForm.WULV, VerseForm.QILV}) {
            int[] cps = body.codePoints().toArray();
            if (cps.length != f.length()) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < cps.length && ok; i++) {
                int l = i / (f.charsPerLine() + 1), c = i % (f.charsPerLine() + 1);
                ok = c == f.charsPerLine() ? cps[i] == f.closing(l) : Character.isIdeographic(cps[i]);
            }
            if (ok) {
                return f;
            }
        }
        return null;
    }
}
