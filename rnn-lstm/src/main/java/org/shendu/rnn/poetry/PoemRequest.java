package org.shendu.rnn.poetry;

import org.shendu.core.ShenduException;

/**
 * What poem to write: a verse form or free verse, an acrostic (藏头: line i begins with the i-th head
 * character), a beginning to continue (续写: the given characters, punctuation included, come first),
 * a rhyme on the even lines and a level/oblique pattern. Immutable; the {@code with...} methods
 * return changed copies. {@link #constraint} checks it against a vocabulary and gives the decoder's
 * state machine.
 */
public record PoemRequest(VerseForm form, String acrostic, String beginning, boolean rhyme, boolean tones, int maxLength) {
    /** The reference's length guard: at most 128 body characters. */
    public static final int MAX_LENGTH = 128;

    public PoemRequest {
        acrostic = acrostic == null ? "" : acrostic.strip();
        beginning = beginning == null ? "" : beginning.strip();
        if (maxLength < 1) {
            throw new ShenduException("the length guard must be at least 1 character, not " + maxLength);
        }
    }

    /** Free verse up to 128 characters. */
    public static PoemRequest free() {
        return new PoemRequest(null, "", "", false, false, MAX_LENGTH);
    }

    public static PoemRequest of(VerseForm form) {
        return free().withForm(form);
    }

    public PoemRequest withForm(VerseForm f) {
        return new PoemRequest(f, acrostic, beginning, rhyme, tones, maxLength);
    }

    public PoemRequest withAcrostic(String heads) {
        return new PoemRequest(form, heads, beginning, rhyme, tones, maxLength);
    }

    public PoemRequest withBeginning(String text) {
        return new PoemRequest(form, acrostic, text, rhyme, tones, maxLength);
    }

    public PoemRequest withRhyme(boolean on) {
        return new PoemRequest(form, acrostic, beginning, on, tones, maxLength);
    }

    public PoemRequest withTones(boolean on) {
        return new PoemRequest(form, acrostic, beginning, rhyme, on, maxLength);
    }

    public PoemRequest withMaxLength(int n) {
        return new PoemRequest(form, acrostic, beginning, rhyme, tones, n);
    }

    /**
     * The form the poem will have: the one asked for; else, for an acrostic, 五言 with one line per
     * head (4 heads: 五言绝句); else, with rhyme or tones or a beginning whose first line has 5 or 7
     * characters, that line's 绝句; else none (free verse).
     */
    public VerseForm effectiveForm() {
        if (form != null) {
            return form;
        }
        int heads = acrostic.codePointCount(0, acrostic.length());
        if (heads > 0) {
            return new VerseForm(5, heads);
        }
        int first = firstLineLength();
        if (first == 5 || first == 7) {
            return new VerseForm(first, 4);
        }
        if (rhyme || tones) {
            return VerseForm.WUJUE;
        }
        return null;
    }

    private int firstLineLength() {
        int n = 0;
        for (int i = 0; i < beginning.length(); ) {
            int cp = beginning.codePointAt(i);
            if (!Character.isIdeographic(cp)) {
                return n;
            }
            n++;
            i += Character.charCount(cp);
        }
        return n;
    }

    /** A fresh decoder state machine for this request; an impossible request is one clear line. */
    public PoemConstraint constraint(PoetryVocabulary vocabulary) {
        return new PoemConstraint(this, vocabulary);
    }
}
