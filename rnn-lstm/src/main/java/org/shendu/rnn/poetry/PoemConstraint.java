package org.shendu.rnn.poetry;

import java.util.BitSet;
import org.shendu.core.ShenduException;

/**
 * The decoder's state machine for a {@link PoemRequest}: at every step, the ids the poem may continue
 * with. In a verse form: Han characters at the character positions of each line, the closing '，' or
 * '。' after the last one, EOS after the last line, nothing else; an acrostic's head at each line's
 * first position; the beginning's characters first. With rhyme, the last character of every even
 * line shares a {@link Prosody} rhyme group with the other even lines' (narrowed as lines are
 * written, a rhyme character not repeated while another fits). With tones, the standard regulated
 * pattern on the even positions (二四六分明): within a line 2 and 4 differ and 6 equals 2; line 2 of a
 * couplet opposes line 1 (对) and the next couplet's first line follows the previous line (粘); even
 * lines end level, odd lines after the first end oblique; the pattern is set by the character
 * chosen at line 1 position 2. Free verse: any character or punctuation, EOS not first, EOS forced
 * at the length guard.
 *
 * <p>A constraint is dropped only where it cannot be met, which happens only when the beginning
 * forced a character against it (rhyme before tone); the set allowed is never empty.
 */
public final class PoemConstraint implements TokenConstraint {
    private static final int LEVEL = 1, OBLIQUE = -1, ANY = 0;
    private final CharacterClasses classes;
    private final VerseForm form;
    private final int[] heads, forced;
    private final boolean rhyme, tones;
    private final int maxLength, vocabularySize, comma, fullStop;
    private int emitted, line, col;
    private boolean finished;
    private int rhymeMask;
    private int pattern;
    private final BitSet usedRhymes = new BitSet();

    PoemConstraint(PoemRequest request, PoetryVocabulary vocabulary) {
        this.classes = vocabulary.classes();
        this.vocabularySize = vocabulary.size();
        this.form = request.effectiveForm();
        this.rhyme = request.rhyme();
        this.tones = request.tones();
        this.maxLength = request.maxLength();
        this.heads = ids(vocabulary, request.acrostic(), "head character", true);
        this.forced = ids(vocabulary, request.beginning(), "character of the beginning", false);
        this.comma = vocabulary.id(VerseForm.COMMA);
        this.fullStop = vocabulary.id(VerseForm.FULL_STOP);
        if (form == null) {
            if (forced.length > maxLength) {
                throw new ShenduException("the beginning has " + forced.length + " characters, more than the length guard of "
                        + maxLength);
            }
            return;
        }
        if (comma == PoetryVocabulary.UNK || fullStop == PoetryVocabulary.UNK) {
            throw new ShenduException("the model's vocabulary lacks '，' or '。', so it cannot write a verse form");
        }
        if (heads.length > form.lines()) {
            throw new ShenduException("the acrostic '" + request.acrostic() + "' has " + heads.length + " heads but a "
                    + form.title() + " has " + form.lines() + " lines: give at most " + form.lines() + " or a longer form");
        }
        checkBeginning(request, vocabulary);
    }

    private static int[] ids(PoetryVocabulary vocabulary, String text, String what, boolean hanOnly) {
        int[] cps = text.codePoints().toArray();
        int[] ids = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            int id = vocabulary.id(cps[i]);
            if (id == PoetryVocabulary.UNK) {
                throw new ShenduException("the " + what + " '" + Character.toString(cps[i]) + "' (U+"
                        + Integer.toHexString(cps[i]).toUpperCase(java.util.Locale.ROOT) + ") is not in the model's vocabulary of "
                        + (vocabulary.size() - PoetryVocabulary.SPECIALS) + " characters: choose another");
            }
            if (hanOnly && !vocabulary.classes().han.get(id)) {
                throw new ShenduException("the " + what + " '" + Character.toString(cps[i]) + "' is not a Han character: "
                        + "an acrostic's heads begin lines");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** The beginning must sit in the form's layout: Han characters in lines, the closing marks in place, heads first. */
    private void checkBeginning(PoemRequest request, PoetryVocabulary vocabulary) {
        String where = "the beginning '" + request.beginning() + "' does not fit a " + form.title() + ": ";
        if (forced.length > form.length()) {
            throw new ShenduException(where + "it has " + forced.length + " characters, the form " + form.length());
        }
        for (int i = 0; i < forced.length; i++) {
            int l = i / (form.charsPerLine() + 1), c = i % (form.charsPerLine() + 1);
            String at = "character " + (i + 1) + " '" + Character.toString(vocabulary.codePoint(forced[i])) + "' ";
            if (c == form.charsPerLine()) {
                if (forced[i] != vocabulary.id(form.closing(l))) {
                    throw new ShenduException(where + at + "stands where line " + (l + 1) + " ends with '"
                            + Character.toString(form.closing(l)) + "'");
                }
            } else if (!classes.han.get(forced[i])) {
                throw new ShenduException(where + at + "is not a Han character, and line " + (l + 1) + " has "
                        + form.charsPerLine() + " of them");
            } else if (c == 0 && l < heads.length && forced[i] != heads[l]) {
                throw new ShenduException(where + at + "begins line " + (l + 1) + ", but the acrostic asks for '"
                        + Character.toString(vocabulary.codePoint(heads[l])) + "'");
            }
        }
    }

    /** The form being written, or null for free verse. */
    public VerseForm form() {
        return form;
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public BitSet allowed() {
        BitSet out = new BitSet(vocabularySize);
        if (finished) {
            return out;
        }
        if (emitted < forced.length) {
            out.set(forced[emitted]);
            return out;
        }
        if (form == null) {
            if (emitted >= maxLength) {
                out.set(PoetryVocabulary.EOS);
            } else {
                out.set(PoetryVocabulary.SPECIALS, vocabularySize);
                out.set(PoetryVocabulary.EOS, emitted > 0);
            }
            return out;
        }
        if (line == form.lines()) {
            out.set(PoetryVocabulary.EOS);
        } else if (col == form.charsPerLine()) {
            out.set(form.closing(line) == VerseForm.COMMA ? comma : fullStop);
        } else if (col == 0 && line < heads.length) {
            out.set(heads[line]);
        } else {
            out = characters();
        }
        return out;
    }

    private BitSet characters() {
        BitSet set = (BitSet) classes.han.clone();
        boolean rhymePlace = rhyme && line % 2 == 1 && col == form.charsPerLine() - 1;
        if (rhymePlace) {
            set = narrowed(set, rhymeMask == 0 ? classes.rhyming : classes.inGroups(rhymeMask));
        }
        if (tones) {
            int t = toneAt(line, col);
            if (t == LEVEL) {
                set = narrowed(set, classes.level);
            } else if (t == OBLIQUE) {
                set = narrowed(set, classes.oblique);
            } else if (line == 0 && col == 1 && pattern == ANY) {
                BitSet definite = (BitSet) classes.level.clone();
                definite.or(classes.oblique);
                set = narrowed(set, definite);
            }
        }
        if (rhymePlace) {
            BitSet fresh = (BitSet) set.clone();
            fresh.andNot(usedRhymes);
            set = fresh.isEmpty() ? set : fresh;
        }
        return set;
    }

    /** {@code set} and {@code rule}, or {@code set} alone when nothing is in both. */
    private static BitSet narrowed(BitSet set, BitSet rule) {
        BitSet both = (BitSet) set.clone();
        both.and(rule);
        return both.isEmpty() ? set : both;
    }

    /** The tone required at a position (0-based line and column), by the pattern set at line 0 column 1. */
    private int toneAt(int l, int c) {
        int n = form.charsPerLine();
        if (c == n - 1) {
            return l == 0 ? ANY : l % 2 == 1 ? LEVEL : OBLIQUE;
        }
        if (c % 2 == 0 || pattern == ANY) {
            return ANY;
        }
        // P(l): the couplet's second line opposes the first (对), the next couplet's first line repeats it (粘)
        int p = (l % 4 == 1 || l % 4 == 2) ? -pattern : pattern;
        return ((c - 1) / 2) % 2 == 0 ? p : -p;
    }

    @Override
    public void accept(int id) {
        if (finished) {
            throw new IllegalStateException("the poem is finished");
        }
        if (id == PoetryVocabulary.EOS) {
            finished = true;
            return;
        }
        emitted++;
        if (form == null) {
            return;
        }
        if (col < form.charsPerLine()) {
            if (line % 2 == 1 && col == form.charsPerLine() - 1) {
                int r = classes.rhymes[id];
                int narrowed = rhymeMask == 0 ? r : rhymeMask & r;
                if (narrowed != 0) {
                    rhymeMask = narrowed;
                }
                usedRhymes.set(id);
            }
            if (line == 0 && col == 1 && pattern == ANY) {
                pattern = classes.oblique.get(id) ? OBLIQUE : LEVEL;
            }
            col++;
        } else {
            line++;
            col = 0;
        }
    }
}
