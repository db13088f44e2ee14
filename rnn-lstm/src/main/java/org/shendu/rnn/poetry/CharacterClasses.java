package org.shendu.rnn.poetry;

import java.util.BitSet;

/**
 * A vocabulary's ids sorted by what verse may use them for: Han characters (line positions), level
 * and oblique ones, and the members of each rhyme group ({@link Prosody}). Computed once per
 * vocabulary.
 */
final class CharacterClasses {
    final BitSet han = new BitSet(), level = new BitSet(), oblique = new BitSet(), rhyming = new BitSet();
    final BitSet[] groups = new BitSet[Prosody.GROUPS.length()];
    final int[] rhymes;

    CharacterClasses(PoetryVocabulary v) {
        for (int g = 0; g < groups.length; g++) {
            groups[g] = new BitSet();
        }
        rhymes = new int[v.size()];
        for (int id = PoetryVocabulary.SPECIALS; id < v.size(); id++) {
            int cp = v.codePoint(id);
            if (!Character.isIdeographic(cp)) {
                continue;
            }
            han.set(id);
            switch (Prosody.tone(cp)) {
                case LEVEL -> level.set(id);
                case OBLIQUE -> oblique.set(id);
                default -> { }
            }
            int mask = Prosody.rhymes(cp);
            rhymes[id] = mask;
            if (mask != 0) {
                rhyming.set(id);
            }
            for (int g = 0; g < groups.length; g++) {
                if ((mask & (1 << g)) != 0) {
                    groups[g].set(id);
                }
            }
        }
    }

    /** Ids in any of the groups of {@code mask}. */
    BitSet inGroups(int mask) {
        BitSet out = new BitSet();
        for (int g = 0; g < groups.length; g++) {
            if ((mask & (1 << g)) != 0) {
                out.or(groups[g]);
            }
        }
        return out;
    }
}
