package org.shendu.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.shendu.core.ShenduException;

/**
 * Reads the IMDB Large Movie Review Dataset (Maas et al. 2011) in either of its two shapes: the
 * gzip TSV files ({@code id, sentiment, rating, review}, one review a line) or a split folder of
 * the original {@code aclImdb/} tree ({@code pos/}, {@code neg/}, {@code unsup/} with one
 * {@code <n>_<rating>.txt} file a review). Streams, so the 100,000 reviews never all sit in memory.
 */
public final class ImdbReader {
    static final String HEADER = "id\tsentiment\trating\treview";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d+)_(\\d+)\\.txt");

    private ImdbReader() {}

    /** All reviews of a TSV file or an {@code aclImdb} split folder, in file order. */
    public static List<Review> readAll(Path path) {
        try (Stream<Review> reviews = stream(path)) {
            return reviews.toList();
        }
    }

    /** The reviews of a TSV file or an {@code aclImdb} split folder; close the stream when done. */
    public static Stream<Review> stream(Path path) {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        return tsv(TextLines.open(path));
    }

    /** The reviews of a TSV stream (e.g. a shipped sample); {@code name} appears in errors. */
    public static Stream<Review> stream(InputStream in, String name) {
        return tsv(TextLines.open(in, name));
    }

    /**
     * The file (or folder) of one split in a data directory: {@code imdb/<split>.tsv.gz}, else the
     * original tree {@code imdb/aclImdb/<train|test>} (unsup lives in {@code train/unsup}).
     */
    public static Path locate(DataDirectory data, String split) {
        Path tsv = data.path("imdb", split + ".tsv.gz");
        if (Files.exists(tsv)) {
            return tsv;
        }
        Path tree = data.path("imdb", "aclImdb");
        Path folder = split.equals("unsup") ? tree.resolve("train").resolve("unsup") : tree.resolve(split);
        if (Files.isDirectory(folder)) {
            return folder;
        }
        throw new ShenduException(tsv + ": no such file (nor " + folder + "); run `shendu data fetch imdb`"
                + " or copy the dataset there by hand");
    }

    private static Stream<Review> tsv(TextLines lines) {
        String header = lines.next();
        if (header == null) {
            lines.close();
            throw new ShenduException(lines.name() + ": empty file, expected the header `id<TAB>sentiment<TAB>rating<TAB>review`");
        }
        if (!header.equals(HEADER)) {
            lines.close();
            throw lines.error("expected the header `id<TAB>sentiment<TAB>rating<TAB>review`");
        }
        Spliterator<Review> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Review> action) {
                String line = lines.next();
                if (line == null) {
                    return false;
                }
                action.accept(parse(line, lines));
                return true;
            }
        };
        return StreamSupport.stream(split, false).onClose(lines::close);
    }

    private static Review parse(String line, TextLines lines) {
        int t1 = line.indexOf('\t');
        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        int t3 = t2 < 0 ? -1 : line.indexOf('\t', t2 + 1);
        if (t3 < 0) {
            int fields = (int) line.chars().filter(c -> c == '\t').count() + 1;
            throw lines.error("expected 4 tab-separated fields, found " + fields);
        }
        if (line.indexOf('\t', t3 + 1) >= 0) {
            throw lines.error("expected 4 tab-separated fields, found more (a TAB inside the review?)");
        }
        String id = line.substring(0, t1);
        String sentiment = line.substring(t1 + 1, t2);
        int label = switch (sentiment) {
            case "1" -> 1;
            case "0" -> 0;
            case "" -> -1;
            default -> throw lines.error("bad sentiment label `" + sentiment + "`, expected 1, 0 or empty");
        };
        int rating;
        try {
            rating = Integer.parseInt(line.substring(t2 + 1, t3));
        } catch (NumberFormatException e) {
            throw lines.error("bad rating `" + line.substring(t2 + 1, t3) + "`, expected a whole number 0-10");
        }
        if (rating < 0 || rating > 10) {
            throw lines.error("bad rating " + rating + ", expected 0-10");
        }
        return new Review(id, label, rating, line.substring(t3 + 1));
    }

    /** An {@code aclImdb/<split>} folder: pos, then neg, then unsup, each in ascending numeric id. */
    private static Stream<Review> folder(Path split) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String[][] parts = {{"pos", "1"}, {"neg", "0"}, {"unsup", "-1"}};
        boolean any = false;
        for (String[] part : parts) {
            Path dir = split.resolve(part[0]);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            any = true;
            try (Stream<Path> list = Files.list(dir)) {
                List<Path> reviews = list.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches())
                        .sorted(Comparator.comparingLong(ImdbReader::numericId))
                        .toList();
                files.addAll(reviews);
                reviews.forEach(p -> labels.add(Integer.parseInt(part[1])));
            } catch (IOException e) {
                throw ShenduException.in(dir, "cannot list the folder: " + e.getMessage());
            }
        }
        if (!any) {
            throw ShenduException.in(split, "not an aclImdb split folder (no pos/, neg/ or unsup/ inside)");
        }
        return java.util.stream.IntStream.range(0, files.size()).mapToObj(i -> readReview(files.get(i), labels.get(i)));
    }

    private static long numericId(Path p) {
        Matcher m = FILE_NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static Review readReview(Path file, int label) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        m.matches();
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            // The original files may hold TAB/newline characters; the TSV form replaced them by spaces.
            text = text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
            return new Review(m.group(1) + "_" + m.group(2), label, Integer.parseInt(m.group(2)), text);
        } catch (CharacterCodingException e) {
            throw ShenduException.in(file, "invalid UTF-8");
        } catch (IOException e) {
            throw ShenduException.in(file, "cannot read: " + e.getMessage());
        }
    }
}
