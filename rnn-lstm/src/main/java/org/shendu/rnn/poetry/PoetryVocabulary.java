package org.shendu.rnn.poetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.ShenduException;

/**
 * Characters (Unicode code points, so the supplementary-plane ones stay whole) to ids: 0 = UNK,
 * 1 = BOS, 2 = EOS, then every character seen at least {@code minCount} times in the training
 * bodies, by count descending and ties by code point ascending ({@code QUALITY.md} §1 rule 5).
 */
public final class PoetryVocabulary {
    public static final int UNK = 0, BOS = 1, EOS = 2, SPECIALS = 3;
    private final int[] codePoints;
    private final Map<Integer, Integer> ids;
    private CharacterClasses classes;

    /** From the characters in id order (ids 3, 4, ...). */
    public PoetryVocabulary(int[] codePoints) {
        this.codePoints = codePoints.clone();
        this.ids = new HashMap<>(codePoints.length * 2);
        for (int i = 0; i < codePoints.length; i++) {
            if (ids.put(codePoints[i], SPECIALS + i) != null) {
                throw new ShenduException("vocabulary: character " + Character.toString(codePoints[i]) + " listed twice");
            }
        }
    }

    /** Counts the characters of the bodies and keeps those seen at least {@code minCount} times. */
    public static PoetryVocabulary build(Collection<String> bodies, int minCount) {
        Map<Integer, int[]> counts = new HashMap<>();
        for (String body : bodies) {
            body.codePoints().forEach(cp -> counts.computeIfAbsent(cp, k -> new int[1])[0]++);
        }
        List<Integer> kept = new ArrayList<>();
        counts.forEach((cp, c) -> {
            if (c[0] >= minCount) {
                kept.add(cp);
            }
        });
        kept.sort((a, b) -> {
            int c = Integer.compare(counts.get(b)[0], counts.get(a)[0]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        return new PoetryVocabulary(kept.stream().mapToInt(Integer::intValue).toArray());
    }

    /** From the text {@link #characters()} gives (a checkpoint's metadata). */
    public static PoetryVocabulary parse(String characters) {
        return new PoetryVocabulary(characters.codePoints().toArray());
    }

    /** The characters in id order, as one string. */
    public String characters() {
        StringBuilder sb = new StringBuilder();
        for (int cp : codePoints) {
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    public int size() {
        return SPECIALS + codePoints.length;
    }

    /** The id of a character, or UNK. */
    public int id(int codePoint) {
        return ids.getOrDefault(codePoint, UNK);
    }

    public boolean contains(int codePoint) {
        return ids.containsKey(codePoint);
    }

    /** The character of an id; ids 0-2 have none (-1). */
    public int codePoint(int id) {
        return id < SPECIALS ? -1 : codePoints[id - SPECIALS];
    }

    /** Ids by verse use (computed on first need). */
    synchronized CharacterClasses classes() {
        if (classes == null) {
            classes = new CharacterClasses(this);
        }
        return classes;
    }

    /** The body's ids, one a code point, unknown characters as UNK. */
    public int[] encode(String body) {
        return body.codePoints().map(this::id).toArray();
    }

    /** The text of ids (specials left out). */
    public String decode(int[] ids, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (ids[i] >= SPECIALS) {
                sb.appendCodePoint(codePoints[ids[i] - SPECIALS]);
            }
        }
        return sb.toString();
    }
}
