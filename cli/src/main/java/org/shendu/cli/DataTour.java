package org.shendu.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.shendu.data.Poem;
import org.shendu.data.Review;
import org.shendu.data.Samples;
import org.shendu.data.text.ChineseTokenizer;
import org.shendu.data.text.EnglishTokenizer;
import org.shendu.data.text.TokenCounts;
import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.Vocabulary;

/** The data module's part of the tour: the shipped samples, the three tokenizers, a vocabulary. */
final class DataTour implements TourStep {

    @Override
    public String title() {
        return "data: samples, tokenizers, vocabulary";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) {
        StringBuilder md = new StringBuilder();
        List<Review> reviews = Samples.imdb();
        var mnist = Samples.mnist();
        var fashion = Samples.fashionMnist();
        List<Poem> poems = Samples.poems();
        String summary = String.format(
                "Shipped samples: %,d IMDB reviews, %,d Chinese reviews, %,d Tang poems, MNIST %,d/%,d and Fashion-MNIST %,d/%,d images,"
                        + " %,d analogy questions, %d WordSim353 pairs.",
                reviews.size(), Samples.chineseReviews().size(), poems.size(),
                mnist.trainImages().count(), mnist.testImages().count(),
                fashion.trainImages().count(), fashion.testImages().count(),
                Samples.analogies().questionCount(), Samples.wordSim353().size());
        out.println(summary);
        md.append(summary).append("\n\n");

        Tokenizer english = new EnglishTokenizer();
        String review = "This movie was <br /><br />AMAZING -- the director's best since 1999!";
        show(out, md, "English", review, english.tokenize(review));

        String chinese = "这家酒店的服务非常好，房间也很干净，下次还会再来。";
        show(out, md, "Chinese (smartcn)", chinese, new ChineseTokenizer().tokenize(chinese));

        Tokenizer chars = Tokenizer.named("chars");
        String verse = poems.get(0).paragraphs().get(0);
        show(out, md, "Characters", verse, chars.tokenize(verse));

        long start = System.nanoTime();
        TokenCounts counts = TokenCounts.count(reviews.parallelStream().map(r -> english.tokenize(r.text())));
        Vocabulary vocab = Vocabulary.builder().minCount(5).specials(Vocabulary.PAD, Vocabulary.UNK).build(counts);
        double ms = (System.nanoTime() - start) / 1e6;
        String top = vocab.words().subList(2, Math.min(14, vocab.size())).stream().collect(Collectors.joining(" "));
        String line = String.format("Vocabulary of the %,d sample reviews: %,d tokens, %,d distinct, %,d kept with"
                + " min-count 5 (+ <pad>, <unk>) in %.0f ms. Most frequent: %s", reviews.size(), counts.total(),
                counts.distinct(), vocab.size() - 2, ms, top);
        out.println(line);
        md.append(line).append("\n");
        return md.toString();
    }

    private static void show(PrintWriter out, StringBuilder md, String name, String text, List<String> tokens) {
        out.printf("%s: %s%n  -> %s%n", name, text, String.join(" | ", tokens));
        md.append("- ").append(name).append(": `").append(text).append("` → `")
                .append(String.join(" | ", tokens)).append("`\n");
    }
}
