package org.shendu.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.shendu.core.ShenduException;

/**
 * The datasets Shendu knows: where each lives in the data directory, how to count its records,
 * and where to download it from (with checksums) when its canonical source allows.
 */
public enum Dataset {
    IMDB("imdb", "IMDB movie reviews (Maas et al. 2011)",
            List.of(new RemoteFile(java.net.URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"),
                    // The SHA-1 published with the d2l data hub for this exact tarball; no SHA-256 is published.
                    "aclImdb_v1.tar.gz", "SHA-1", "01ada507287d82875905620988597833ad4e0903", true)),
            "train.tsv.gz, test.tsv.gz, unsup.tsv.gz (gzip TSV) or the aclImdb/ folder of aclImdb_v1.tar.gz",
            (dir, counts) -> {
                for (String split : List.of("train", "test", "unsup")) {
                    Path p = ImdbReader.locate(new DataDirectory(dir.getParent(), ""), split);
                    try (Stream<Review> reviews = ImdbReader.stream(p)) {
                        counts.put(split.equals("unsup") ? "unlabeled" : split, reviews.count());
                    }
                }
            }),
    POETRY("poetry", "Tang poems (chinese-poetry)",
            List.of(),
            "tang.jsonl.gz (traditional) and tang.simplified.jsonl.gz (JSON Lines), or the upstream"
                    + " chinese-poetry 全唐诗/poet.tang.*.json files in a folder tang/",
            (dir, counts) -> {
                Path traditional = dir.resolve("tang.jsonl.gz");
                Path folder = dir.resolve("tang");
                counts.put("traditional", (long) PoetryReader.readAll(Files.exists(traditional) ? traditional : folder).size());
                Path simplified = dir.resolve("tang.simplified.jsonl.gz");
                if (Files.exists(simplified)) {
                    counts.put("simplified", (long) PoetryReader.readAll(simplified).size());
                }
            }),
    MNIST("mnist", "MNIST handwritten digits",
            idx("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz",
            Dataset::countImages),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST (Xiao et al. 2017)",
            idx("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
            "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz",
            Dataset::countImages),
    CHINESE_SENTIMENT("chinese-sentiment", "Chinese review sentiment (ChnSentiCorp hotels, waimai)",
            List.of(),
            "ChnSentiCorp_htl_all.tsv.gz and waimai_10k.tsv.gz (label<TAB>text, from SophonPlus/ChineseNlpCorpus)",
            (dir, counts) -> {
                counts.put("ChnSentiCorp", (long) LabeledTsvReader.readAll(dir.resolve("ChnSentiCorp_htl_all.tsv.gz")).size());
                counts.put("waimai", (long) LabeledTsvReader.readAll(dir.resolve("waimai_10k.tsv.gz")).size());
            }),
    WORD_EVAL("word-eval", "word-vector evaluation sets (Google analogies, WordSim353, SimLex-999, CA8)",
            List.of(
                    RemoteFile.sha256(Urls.GENSIM + "questions-words.txt", "questions-words.txt",
                            "8c29b3332afc46f3fb8be04cb5297bf96f39aa7131272dff57869b4485b22a36"),
                    RemoteFile.sha256(Urls.GENSIM + "wordsim353.tsv", "wordsim353.tsv",
                            "f92a022fc2537793a15bc3a8c162ebcd74990e033a228bb6388cb71e4c0b1e1d"),
                    RemoteFile.sha256(Urls.GENSIM + "simlex999.txt", "simlex999.txt",
                            "d5e0501971478a511430ee880bd0121e94ac701ba86d90544d83e6d2ba3db05d"),
                    RemoteFile.sha256(Urls.CA8 + "CA8/morphological.txt", "zh/morphological.txt",
                            "ed47740c28d5ce052f205e7ffff8e28dfefe451fcd39867bbe98ef710cc6bf4f"),
                    RemoteFile.sha256(Urls.CA8 + "CA8/semantic.txt", "zh/semantic.txt",
                            "aed64568e6350ce08f7b9e4af2bd8aadd7ff0498b812cd94c660638ed8ad1f4a")),
            "questions-words.txt, wordsim353.tsv, simlex999.txt; zh/morphological.txt and zh/semantic.txt (CA8)",
            (dir, counts) -> {
                AnalogySet analogies = AnalogySet.read(dir.resolve("questions-words.txt"));
                counts.put("analogy questions", (long) analogies.questionCount());
                counts.put("analogy sections", (long) analogies.sections().size());
                counts.put("WordSim353 pairs", (long) WordPairs.read(dir.resolve("wordsim353.tsv")).size());
                counts.put("SimLex-999 pairs", (long) WordPairs.read(dir.resolve("simlex999.txt")).size());
                Path zh = dir.resolve("zh");
                if (Files.exists(zh.resolve("morphological.txt")) && Files.exists(zh.resolve("semantic.txt"))) {
                    counts.put("CA8 questions", (long) (AnalogySet.read(zh.resolve("morphological.txt")).questionCount()
                            + AnalogySet.read(zh.resolve("semantic.txt")).questionCount()));
                }
            });

    /** Pinned commits of the upstream repositories, so the checksums stay valid. */
    private static final class Urls {
        static final String GENSIM =
                "https://raw.githubusercontent.com/piskvorky/gensim/37f90ec121eb7cd401448a947e80953e0c53ccdc/gensim/test/test_data/";
        static final String CA8 =
                "https://raw.githubusercontent.com/Embedding/Chinese-Word-Vectors/3096a475f79f218dde7b413dcc6b507d302b7f46/testsets/";
    }

    private final String id;
    private final String description;
    private final List<RemoteFile> sources;
    private final String files;
    private final BiConsumer<Path, Map<String, Long>> counter;

    Dataset(String id, String description, List<RemoteFile> sources, String files,
            BiConsumer<Path, Map<String, Long>> counter) {
        this.id = id;
        this.description = description;
        this.sources = sources;
        this.files = files;
        this.counter = counter;
    }

    /** The name used on the command line and as the folder name, e.g. {@code fashion-mnist}. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** What to download for {@code shendu data fetch}; empty when the files must be placed by hand. */
    public List<RemoteFile> sources() {
        return sources;
    }

    /** The files the folder should hold, in words. */
    public String expectedFiles() {
        return files;
    }

    /** The dataset's folder in a data directory. */
    public Path folder(DataDirectory data) {
        return data.path(id);
    }

    /** Counts the records of the dataset in a data directory, or says why it cannot. */
    public DatasetInfo inspect(DataDirectory data) {
        Path dir = folder(data);
        if (!Files.isDirectory(dir)) {
            return new DatasetInfo(this, dir, Map.of(), "not found");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            counter.accept(dir, counts);
            return new DatasetInfo(this, dir, counts, null);
        } catch (ShenduException e) {
            return new DatasetInfo(this, dir, counts, e.getMessage());
        }
    }

    /** The dataset named {@code name} (its id, case-insensitive). */
    public static Dataset named(String name) {
        for (Dataset d : values()) {
            if (d.id.equalsIgnoreCase(name) || d.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return d;
            }
        }
        throw new ShenduException("unknown dataset `" + name + "`; known: "
                + String.join(", ", Stream.of(values()).map(Dataset::id).toList()));
    }

    private static List<RemoteFile> idx(String base, String trainImages, String trainLabels, String testImages, String testLabels) {
        return List.of(
                RemoteFile.sha256(base + "train-images-idx3-ubyte.gz", "train-images-idx3-ubyte.gz", trainImages),
                RemoteFile.sha256(base + "train-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz", trainLabels),
                RemoteFile.sha256(base + "t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", testImages),
                RemoteFile.sha256(base + "t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz", testLabels));
    }

    private static void countImages(Path dir, Map<String, Long> counts) {
        ImageSet set = ImageSet.read(dir);
        check(set.trainImages().count() == set.trainLabels().length, dir, "train images and labels differ in number");
        check(set.testImages().count() == set.testLabels().length, dir, "test images and labels differ in number");
        counts.put("train", (long) set.trainImages().count());
        counts.put("test", (long) set.testImages().count());
    }

    private static void check(boolean ok, Path dir, String problem) {
        if (!ok) {
            throw ShenduException.in(dir, problem);
        }
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
