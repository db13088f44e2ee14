package org.shendu.cli.word2vec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.shendu.cli.TourStep;
import org.shendu.data.Samples;
import org.shendu.data.text.Tokenizer;
import org.shendu.word2vec.Corpus;
import org.shendu.word2vec.ScoredWord;
import org.shendu.word2vec.Word2VecConfig;
import org.shendu.word2vec.Word2VecTrainer;
import org.shendu.word2vec.WordVectors;

/** The word2vec part of the tour: CBOW on the shipped IMDB reviews, then the nearest words of a few probes. */
public final class Word2vecTour implements TourStep {
    private static final List<String> PROBES = List.of("good", "movie", "actor", "funny", "worst");

    @Override
    public String title() {
        return "word2vec: CBOW on the sample reviews, nearest words";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) throws Exception {
        Tokenizer english = Tokenizer.named("english");
        List<List<String>> sentences = Samples.imdb().stream().map(r -> english.tokenize(r.text())).toList();
        Word2VecConfig config = Word2VecConfig.builder().dimension(50).window(5).minCount(3).epochs(10)
                .threads(2).seed(seed).build();
        Word2VecTrainer.Trained t = new Word2VecTrainer(config).train(Corpus.of(sentences));
        WordVectors v = t.model().wordVectors();
        v.save(dir.resolve("word2vec-sample.bin"), true);
        StringBuilder md = new StringBuilder();
        String summary = String.format("CBOW, negative sampling, dim 50, 10 epochs on %,d sample reviews: %,d words,"
                        + " %,d tokens/epoch, %.1f s (%,.0f words/s); loss per epoch %.3f -> %.3f.",
                sentences.size(), v.size(), t.report().tokens() / config.epochs(), t.report().trainSeconds(),
                t.report().wordsPerSecond(), t.report().epochLoss().get(0),
                t.report().epochLoss().get(config.epochs() - 1));
        out.println(summary);
        md.append(summary).append("\n\n| word | nearest words (cosine) |\n|---|---|\n");
        for (String probe : PROBES) {
            if (!v.contains(probe)) {
                continue;
            }
            List<ScoredWord> near = v.mostSimilar(probe, 6);
            String line = near.stream().map(s -> String.format("%s %.2f", s.word(), s.score()))
                    .collect(Collectors.joining(", "));
            out.printf("  %-8s %s%n", probe, line);
            md.append("| ").append(probe).append(" | ").append(line).append(" |\n");
        }
        md.append("\nVectors: `word2vec-sample.bin` (word2vec binary format). The full IMDB corpus gives far better"
                + " neighbours: `shendu word2vec train --dataset imdb`.\n");
        return md.toString();
    }
}
