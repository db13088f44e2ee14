package org.shendu.cli.word2vec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.AtLeast;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.DataOption;
import org.shendu.cli.InputFile;
import org.shendu.core.json.Json;
import org.shendu.data.AnalogySet;
import org.shendu.data.DataDirectory;
import org.shendu.data.Samples;
import org.shendu.data.WordPair;
import org.shendu.data.WordPairs;
import org.shendu.word2vec.AnalogyEvaluation;
import org.shendu.word2vec.EvaluationSuite;
import org.shendu.word2vec.WordPairEvaluation;
import org.shendu.word2vec.WordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shendu word2vec evaluate}: analogy accuracy per section (30,000 most frequent words,
 * case-insensitive) and WordSim-353 / SimLex-999 Spearman, as gensim counts them; {@code --ca8} runs
 * the Chinese analogy sets instead.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Analogy accuracy (restricted to the 30,000 most frequent words, case-insensitive) and"
                + " WordSim-353 / SimLex-999 Spearman; --ca8 for Chinese vectors.",
            "Sets come from the data directory's word-eval/ folder, else from the shipped samples."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    VectorsOptions vectors;

    @Mixin
    DataOption data;

    @Option(names = "--analogies", paramLabel = "FILE", description = "Analogy questions (questions-words.txt layout).")
    @InputFile
    Path analogies;

    @Option(names = "--wordsim", paramLabel = "FILE", description = "WordSim-353 pairs.")
    @InputFile
    Path wordsim;

    @Option(names = "--simlex", paramLabel = "FILE", description = "SimLex-999 pairs.")
    @InputFile
    Path simlex;

    @Option(names = "--restrict", defaultValue = "30000",
            description = "Analogies use only the N most frequent words (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int restrict;

    @Option(names = "--ca8", description = "Chinese: CA8 morphological and semantic analogies (word-eval/zh/).")
    boolean ca8;

    @Option(names = "--sections", description = "Print every section's accuracy.")
    boolean sections;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WordVectors v = vectors.load();
        DataDirectory dir = this.data.dataDirectory();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("vectors", vectors.file);
        result.put("words", v.size());
        if (ca8) {
            for (String set : List.of("morphological", "semantic")) {
                AnalogySet q = AnalogySet.read(dir.path("word-eval", "zh", set + ".txt"));
                AnalogyEvaluation.Result r = AnalogyEvaluation.evaluate(v, q, restrict, true);
                result.put("ca8_" + set, r);
                print(out, "CA8 " + set, r);
            }
        } else {
            AnalogySet q = analogies != null ? AnalogySet.read(analogies)
                    : dir.has("word-eval", "questions-words.txt")
                    ? AnalogySet.read(dir.path("word-eval", "questions-words.txt")) : Samples.analogies();
            List<WordPair> ws = wordsim != null ? WordPairs.read(wordsim)
                    : dir.has("word-eval", "wordsim353.tsv")
                    ? WordPairs.read(dir.path("word-eval", "wordsim353.tsv")) : Samples.wordSim353();
            List<WordPair> sl = simlex != null ? WordPairs.read(simlex)
                    : dir.has("word-eval", "simlex999.txt")
                    ? WordPairs.read(dir.path("word-eval", "simlex999.txt")) : Samples.simLex999();
            AnalogyEvaluation.Result a = AnalogyEvaluation.evaluate(v, q, restrict, true);
            EvaluationSuite suite = new EvaluationSuite(a, WordPairEvaluation.evaluate(v, ws),
                    WordPairEvaluation.evaluate(v, sl));
            result.put("analogy", a);
            result.put("analogy_accuracy", a.accuracy());
            result.put("semantic_accuracy", a.semanticAccuracy());
            result.put("syntactic_accuracy", a.syntacticAccuracy());
            result.put("wordsim353", suite.wordSim353());
            result.put("simlex999", suite.simLex999());
            print(out, "analogies", a);
            if (!options.json()) {
                out.printf("WordSim-353  Spearman %.4f  (%d pairs, %.1f%% OOV)%n", suite.wordSim353().spearman(),
                        suite.wordSim353().pairs(), suite.wordSim353().oovPercent());
                out.printf("SimLex-999   Spearman %.4f  (%d pairs, %.1f%% OOV)%n", suite.simLex999().spearman(),
                        suite.simLex999().pairs(), suite.simLex999().oovPercent());
            }
        }
        if (options.json()) {
            Json.print(out, result);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String name, AnalogyEvaluation.Result r) {
        if (options.json()) {
            return;
        }
        if (sections) {
            for (AnalogyEvaluation.SectionScore s : r.sections()) {
                out.printf("  %-30s %5.1f%%  (%d/%d)%n", s.section(), 100 * s.accuracy(), s.correct(), s.total());
            }
        }
        out.printf("%-12s %.2f%%  (%d/%d scored, %d skipped)", name, 100 * r.accuracy(), r.correct(), r.total(),
                r.skipped());
        if (r.semanticTotal() > 0 && r.syntacticTotal() > 0) {
            // The Google set's split; CA8's files are morphological or semantic as a whole.
            out.printf("; semantic %.2f%%, syntactic %.2f%%", 100 * r.semanticAccuracy(), 100 * r.syntacticAccuracy());
        }
        out.println();
    }
}
