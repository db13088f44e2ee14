package org.shendu.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * English words for movie reviews: HTML tags ({@code <br />}, {@code <i>}, ...) are dropped, text
 * is lower-cased, and tokens are maximal runs of letters, digits and apostrophes. This is the
 * tokenization of the word2vec and bag-of-words anchors ({@code (?:[^\W_]|')+} on the lower-cased
 * text), so counts and vocabularies compare one to one.
 *
 * <p>Only real HTML tags are removed: IMDB reviews also use angle brackets as prose
 * ({@code <shakes his head>}), which stays text. With option {@code html=br} only {@code <br />}
 * is removed, exactly as the anchor scripts do.
 */
public final class EnglishTokenizer implements Tokenizer {
    static final String KIND = "english";
    private static final Set<String> HTML_TAGS = Set.of(
            "br", "p", "i", "b", "u", "em", "strong", "hr", "div", "span", "a", "font", "sub", "sup", "s", "blockquote");

    private final boolean allTags;

    /** Removes every HTML tag. */
    public EnglishTokenizer() {
        this(true);
    }

    private EnglishTokenizer(boolean allTags) {
        this.allTags = allTags;
    }

    static EnglishTokenizer fromSpec(TokenizerSpec spec) {
        String html = spec.option("html", "tags");
        return switch (html) {
            case "tags" -> new EnglishTokenizer(true);
            case "br" -> new EnglishTokenizer(false);
            default -> throw new org.shendu.core.ShenduException(
                    "english tokenizer: option html=" + html + " is not known, expected tags or br");
        };
    }

    /** The anchor scripts' exact behaviour: only {@code <br />} is removed. */
    public static EnglishTokenizer brOnly() {
        return new EnglishTokenizer(false);
    }

    @Override
    public TokenizerSpec spec() {
        return allTags ? TokenizerSpec.of(KIND) : new TokenizerSpec(KIND, Map.of("html", "br"));
    }

    @Override
    public List<String> tokenize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>(lower.length() / 5 + 4);
        int n = lower.length();
        int start = -1;
        int i = 0;
        while (i < n) {
            char ch = lower.charAt(i);
            if (ch == '<') {
                int end = tagEnd(lower, i);
                if (end > 0) {
                    if (start >= 0) {
                        tokens.add(lower.substring(start, i));
                        start = -1;
                    }
                    i = end;
                    continue;
                }
            }
            int cp = Character.codePointAt(lower, i);
            int width = Character.charCount(cp);
            if (cp == '\'' || isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                tokens.add(lower.substring(start, i));
                start = -1;
            }
            i += width;
        }
        if (start >= 0) {
            tokens.add(lower.substring(start));
        }
        return tokens;
    }

    /** Python's {@code [^\W_]}: letters and every kind of number, as {@code str.isalnum()}. */
    private static boolean isWordChar(int cp) {
        if (cp < 128) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The index after an HTML tag starting at {@code i}, or -1 when none starts there. */
    private int tagEnd(String s, int i) {
        if (s.startsWith("<br />", i)) {
            return i + 6;
        }
        if (!allTags) {
            return -1;
        }
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '/') {
            j++;
        }
        int nameStart = j;
        while (j < s.length() && s.charAt(j) >= 'a' && s.charAt(j) <= 'z') {
            j++;
        }
        if (j == nameStart || !HTML_TAGS.contains(s.substring(nameStart, j))) {
            return -1;
        }
        int close = s.indexOf('>', j);
        if (close < 0 || close - j > 200 || s.indexOf('<', j) >= 0 && s.indexOf('<', j) < close) {
            return -1;
        }
        char after = s.charAt(j);
        return after == '>' || after == ' ' || after == '/' ? close + 1 : -1;
    }
}
