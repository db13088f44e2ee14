package org.shendu.rnn.poetry;

/**
 * Which poem bodies the language model trains and is measured on, as the quality anchor defines it
 * ({@code QUALITY.md} §1, rules 2 and 3): no editorial marks {@code （ ） ( ) □ 《 》 [ ]}, no decimal
 * digit, and 12 to 128 code points. The upstream notes and lost-character marks would otherwise be
 * learned as verse.
 */
public final class PoemFilter {
    public static final int MIN_LENGTH = 12, MAX_LENGTH = 128;
    private static final String MARKS = "（）()□《》[]";

    /** Why a body is left out. */
    public enum Verdict { KEEP, EDITORIAL_MARK, LENGTH }

    private PoemFilter() {}

    public static Verdict judge(String body) {
        int n = 0;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            if (MARKS.indexOf(cp) >= 0 || Character.isDigit(cp)) {
                return Verdict.EDITORIAL_MARK;
            }
            n++;
            i += Character.charCount(cp);
        }
        return n < MIN_LENGTH || n > MAX_LENGTH ? Verdict.LENGTH : Verdict.KEEP;
    }
}
