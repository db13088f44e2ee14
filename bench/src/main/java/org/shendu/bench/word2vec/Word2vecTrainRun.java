package org.shendu.bench.word2vec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.shendu.core.json.Json;
import org.shendu.word2vec.Corpus;
import org.shendu.word2vec.Word2VecConfig;
import org.shendu.word2vec.Word2VecTrainer;

/**
 * Our side of one benchmark round, run in a JVM of its own so that its peak memory is its own:
 * {@code CORPUS OUT.bin ARCH(cbow|sg) HS(0|1) NEGATIVE ALPHA THREADS EPOCHS SEED}. Prints one JSON
 * line with the same fields as the gensim script.
 */
public final class Word2vecTrainRun {
    private Word2vecTrainRun() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Word2VecConfig config = Word2VecConfig.builder()
                .architecture(args[2].equals("sg") ? Word2VecConfig.Architecture.SKIP_GRAM : Word2VecConfig.Architecture.CBOW)
                .hierarchicalSoftmax(args[3].equals("1")).negative(Integer.parseInt(args[4]))
                .alpha(Double.parseDouble(args[5])).threads(Integer.parseInt(args[6])).epochs(Integer.parseInt(args[7]))
                .seed(Long.parseLong(args[8]))
                .dimension(100).window(5).sample(1e-3).minCount(5).minAlpha(1e-4).build();
        Word2VecTrainer.Trained t = new Word2VecTrainer(config).train(Corpus.textFile(corpus));
        t.model().wordVectors().save(out, true);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool", "shendu (" + (Word2VecTrainer.vectorApi() ? "vector API" : "scalar loops") + ", Java "
                + System.getProperty("java.version") + ")");
        r.put("vocabulary", t.model().vocabulary().size());
        r.put("corpus_words", t.report().tokens() / config.epochs());
        r.put("vocab_s", t.report().vocabularySeconds());
        r.put("train_s", t.report().trainSeconds());
        r.put("words_per_s", t.report().wordsPerSecond());
        r.put("cpu_s", ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0));
        r.put("peak_rss_mib", peakRssMib());
        r.put("epoch_loss", t.report().epochLoss());
        System.out.println(Json.write(r));
    }

    /** VmHWM, the resident set's high-water mark, from /proc (Linux); -1 elsewhere. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
