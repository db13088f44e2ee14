package org.shendu.rnn.poetry;

import java.util.Locale;
import org.shendu.core.ShenduException;

/**
 * The shape of a regulated poem: {@code lines} lines of {@code charsPerLine} characters, each odd
 * line closed by '，' and each even line (and the last) by '。'. 五言/七言 are 5 and 7 characters;
 * 绝句 has 4 lines, 律诗 8.
 */
public record VerseForm(int charsPerLine, int lines) {
    public static final VerseForm WUJUE = new VerseForm(5, 4), QIJUE = new VerseForm(7, 4), WULV = new VerseForm(5, 8),
            QILV = new VerseForm(7, 8);
    public static final String NAMES = "wujue (五言绝句), qijue (七言绝句), wulv (五言律诗), qilv (七言律诗)";
    public static final int COMMA = '，', FULL_STOP = '。';

    public VerseForm {
        if (charsPerLine < 2 || lines < 1) {
            throw new ShenduException("a verse form needs at least 2 characters a line and 1 line");
        }
    }

    /** wujue, qijue, wulv, qilv, or their Chinese names. */
    public static VerseForm parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "wujue", "五言绝句", "五绝" -> WUJUE;
            case "qijue", "七言绝句", "七绝" -> QIJUE;
            case "wulv", "wulu", "五言律诗", "五律" -> WULV;
            case "qilv", "qilu", "七言律诗", "七律" -> QILV;
            default -> throw new ShenduException("unknown verse form '" + name + "': use " + NAMES);
        };
    }

    /** The punctuation closing line {@code line} (0-based). */
    public int closing(int line) {
        return line % 2 == 1 || line == lines - 1 ? FULL_STOP : COMMA;
    }

    /** Code points of a poem in this form, punctuation included. */
    public int length() {
        return lines * (charsPerLine + 1);
    }

    /** 五言绝句 and so on for the four classic forms, else "N lines of M characters". */
    public String title() {
        String size = charsPerLine == 5 ? "五言" : charsPerLine == 7 ? "七言" : null;
        String kind = lines == 4 ? "绝句" : lines == 8 ? "律诗" : null;
        return size != null && kind != null ? size + kind : lines + " lines of " + charsPerLine + " characters";
    }
}
