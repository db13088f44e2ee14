package org.shendu.rnn.poetry;

import java.util.Locale;
import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * Rhyme and tone of a character from its modern readings (pinyin4j 2.5.1, every reading of a
 * polyphone). Rhymes are the 18 groups of 中华新韵 (the final without its medial: 麻 a ia ua, 波 o uo,
 * 歌 e, 皆 ie üe, 支 -i after zh ch sh r z c s, 儿 er, 齐 i, 微 ei ui, 开 ai uai, 姑 u, 鱼 ü, 侯 ou iu,
 * 豪 ao iao, 寒 an ian uan üan, 痕 en in un ün, 唐 ang iang uang, 庚 eng ing ueng, 东 ong iong); a
 * character rhymes in every group one of its readings falls in. Tone class: level (平) when every
 * reading has tone 1 or 2, oblique (仄) when every reading has tone 3 or 4, otherwise unknown.
 *
 * <p>This is the modern approximation, not the Tang rule: the 平水韵 groups of Middle Chinese split
 * and join finals differently (东/冬, 元 with both -an and -en), and the old entering tone (入声,
 * oblique) has spread over all four modern tones, so 白 (bai2), 国 (guo2), 一 (yi1) are counted level
 * here though a Tang poet heard them oblique. {@code docs/poetry.md} measures how often real Tang
 * quatrains agree with it.
 */
public final class Prosody {
    /** The 18 rhyme groups, in the order of their bits. */
    public static final String GROUPS = "麻波歌皆支儿齐微开姑鱼侯豪寒痕唐庚东";
    private static final String[] INITIALS = {"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
        "x", "r", "z", "c", "s", "y", "w"};

    /** A character's tone class. */
    public enum Tone { LEVEL, OBLIQUE, UNKNOWN }

    private Prosody() {}

    /** The rhyme groups of a character as bits (bit i = {@code GROUPS.charAt(i)}), 0 when none is known. */
    public static int rhymes(int codePoint) {
        int mask = 0;
        for (String r : readings(codePoint)) {
            int g = group(r.substring(0, r.length() - 1));
            if (g >= 0) {
                mask |= 1 << g;
            }
        }
        return mask;
    }

    public static Tone tone(int codePoint) {
        boolean level = false, oblique = false, other = false;
        for (String r : readings(codePoint)) {
            switch (r.charAt(r.length() - 1)) {
                case '1', '2' -> level = true;
                case '3', '4' -> oblique = true;
                default -> other = true;
            }
        }
        if (level == oblique || other) {
            return Tone.UNKNOWN;
        }
        return level ? Tone.LEVEL : Tone.OBLIQUE;
    }

    /** pinyin4j's readings with tone numbers ({@code zhong1}), empty for a non-Han or supplementary character. */
    private static String[] readings(int codePoint) {
        if (!Character.isBmpCodePoint(codePoint)) {
            return new String[0];
        }
        String[] r = PinyinHelper.toHanyuPinyinStringArray((char) codePoint);
        if (r == null) {
            return new String[0];
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = r[i].toLowerCase(Locale.ROOT).replace("u:", "v");
        }
        return r;
    }

    /** The rhyme group of a toneless syllable ({@code v} for ü), or -1. */
    static int group(String syllable) {
        String initial = "";
        for (String i : INITIALS) {
            if (syllable.startsWith(i)) {
                initial = i;
                break;
            }
        }
        String fin = syllable.substring(initial.length());
        // y- and w- spell medials; after j q x y, u is ü
        if (initial.equals("y")) {
            fin = fin.startsWith("u") ? "v" + fin.substring(1) : fin.startsWith("i") ? fin : "i" + fin;
        } else if (initial.equals("w")) {
            fin = fin.startsWith("u") ? fin : "u" + fin;
        } else if ((initial.equals("j") || initial.equals("q") || initial.equals("x")) && fin.startsWith("u")) {
            fin = "v" + fin.substring(1);
        }
        boolean apical = fin.equals("i") && "zh ch sh r z c s".contains(initial) && !initial.isEmpty();
        return switch (fin) {
            case "a", "ia", "ua" -> 0;
            case "o", "uo" -> 1;
            case "e" -> 2;
            case "ie", "ve", "ue" -> 3;
            case "i" -> apical ? 4 : 6;
            case "er" -> 5;
            case "ei", "ui", "uei" -> 7;
            case "ai", "uai" -> 8;
            case "u" -> 9;
            case "v" -> 10;
            case "ou", "iu", "iou" -> 11;
            case "ao", "iao" -> 12;
            case "an", "ian", "uan", "van" -> 13;
            case "en", "in", "un", "uen", "vn" -> 14;
            case "ang", "iang", "uang" -> 15;
            case "eng", "ing", "ueng" -> 16;
            case "ong", "iong" -> 17;
            default -> -1;
        };
    }
}
