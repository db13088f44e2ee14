package org.shendu.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shendu.core.ShenduException;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImdbReader;
import org.shendu.data.LabeledText;
import org.shendu.data.LabeledTsvReader;
import org.shendu.data.Review;
import org.shendu.data.Samples;
import org.shendu.data.TextLines;

/**
 * Labelled reviews for training or evaluation, by dataset name or file: {@code imdb} (the 25k/25k
 * split), {@code chnsenticorp} and {@code waimai} (the Chinese sets), the shipped samples
 * {@code sample-imdb}, {@code sample-chnsenticorp}, {@code sample-waimai}, or a file in the IMDB
 * TSV format ({@code id sentiment rating review}) or the {@code label text} format. Labels must
 * be 0 or 1. Empty reviews carry no words to learn from and are left out (and counted).
 *
 * @param name     what was loaded, for reports
 * @param chinese  whether the texts are Chinese (named Chinese sets, or mostly CJK text in a file)
 * @param dropped  how many empty reviews were left out
 */
public record LabeledCorpus(String name, List<String> texts, int[] labels, boolean chinese, int dropped) {

    /** The names of the datasets this loader knows. */
    public static final List<String> NAMES = List.of("imdb", "chnsenticorp", "waimai", "sample-imdb",
            "sample-chnsenticorp", "sample-waimai");

    /** Whether a named dataset has an official test split ({@code imdb} and its sample do). */
    public static boolean hasTestSplit(String name) {
        return name.equals("imdb") || name.equals("sample-imdb");
    }

    /** The {@code split} ({@code train} or {@code test}) of a named dataset, or a file. */
    public static LabeledCorpus load(String nameOrFile, String split, DataDirectory data) {
        return switch (nameOrFile) {
            case "imdb" -> fromReviews("imdb/" + split, ImdbReader.readAll(ImdbReader.locate(data, split)));
            case "sample-imdb" -> fromReviews("sample-imdb/" + split, Samples.imdb(split));
            case "chnsenticorp" -> fromLabeled("chnsenticorp", LabeledTsvReader.readAll(
                    existing(data.path("chinese-sentiment", "ChnSentiCorp_htl_all.tsv.gz"))), true);
            case "waimai" -> fromLabeled("waimai", LabeledTsvReader.readAll(
                    existing(data.path("chinese-sentiment", "waimai_10k.tsv.gz"))), true);
            case "sample-chnsenticorp" -> fromLabeled(nameOrFile, Samples.chineseReviews("chnsenticorp"), true);
            case "sample-waimai" -> fromLabeled(nameOrFile, Samples.chineseReviews("waimai"), true);
            default -> file(Path.of(nameOrFile));
        };
    }

    /** A file in either format, told apart by its header line. */
    public static LabeledCorpus file(Path file) {
        if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw ShenduException.in(file, "no such file (nor a dataset name: " + String.join(", ", NAMES) + ")");
        }
        if (Files.isDirectory(file)) {
            return fromReviews(file.toString(), ImdbReader.readAll(file));
        }
        String header;
        try (TextLines lines = TextLines.open(file)) {
            header = lines.next();
        }
        if (header != null && header.startsWith("id\t")) {
            return fromReviews(file.toString(), ImdbReader.readAll(file));
        }
        List<LabeledText> records = LabeledTsvReader.readAll(file);
        return fromLabeled(file.toString(), records, mostlyChinese(records.stream().map(LabeledText::text).toList()));
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw ShenduException.in(file, "no such file; run `shendu data fetch chinese-sentiment` or copy the"
                    + " dataset there by hand");
        }
        return file;
    }

    private static LabeledCorpus fromReviews(String name, List<Review> reviews) {
        List<String> texts = new ArrayList<>(reviews.size());
        int[] labels = new int[reviews.size()];
        int n = 0;
        int dropped = 0;
        for (int i = 0; i < reviews.size(); i++) {
            Review r = reviews.get(i);
            if (!r.labeled()) {
                throw new ShenduException(name + ": review " + r.id() + " has no label (unlabeled reviews cannot"
                        + " train or test a classifier)");
            }
            if (r.text().isBlank()) {
                dropped++;
                continue;
            }
            texts.add(r.text());
            labels[n++] = r.label();
        }
        return new LabeledCorpus(name, texts, java.util.Arrays.copyOf(labels, n), false, dropped);
    }

    private static LabeledCorpus fromLabeled(String name, List<LabeledText> records, boolean chinese) {
        List<String> texts = new ArrayList<>(records.size());
        int[] labels = new int[records.size()];
        int n = 0;
        int dropped = 0;
        for (int i = 0; i < records.size(); i++) {
            LabeledText r = records.get(i);
            if (r.label() > 1) {
                // Record i is on line i + 2 (after the header).
                throw new ShenduException(name + ":" + (i + 2) + ": label " + r.label()
                        + ", but a sentiment label must be 0 (negative) or 1 (positive)");
            }
            if (r.text().isBlank()) {
                dropped++;
                continue;
            }
            texts.add(r.text());
            labels[n++] = r.label();
        }
        return new LabeledCorpus(name, texts, java.util.Arrays.copyOf(labels, n), chinese, dropped);
    }

    /** Whether CJK ideographs make up most letters of the first texts. */
    static boolean mostlyChinese(List<String> texts) {
        long cjk = 0;
        long letters = 0;
        for (String t : texts.subList(0, Math.min(100, texts.size()))) {
            for (int i = 0; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (Character.isLetter(ch)) {
                    letters++;
                    if (Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN) {
                        cjk++;
                    }
                }
            }
        }
        return letters > 0 && cjk * 2 > letters;
    }
}
