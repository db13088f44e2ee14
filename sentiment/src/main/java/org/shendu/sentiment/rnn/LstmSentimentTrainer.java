package org.shendu.sentiment.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.rnn.classify.ClassifierTrainer;
import org.shendu.rnn.classify.EncodedTexts;
import org.shendu.rnn.classify.LanguageModelPretraining;
import org.shendu.rnn.classify.TextClassifier;
import org.shendu.rnn.classify.TokenIds;
import org.shendu.sentiment.text.Tokenizers;
import org.shendu.word2vec.Corpus;
import org.shendu.word2vec.Word2VecConfig;
import org.shendu.word2vec.Word2VecTrainer;
import org.shendu.word2vec.WordVectors;

/**
 * Trains an LSTM sentiment classifier from raw reviews: tokenizes them, trains word2vec on the
 * training reviews and the unlabeled ones (never on test reviews) unless vectors are given, builds
 * the vocabulary from the vectors' words (padding 0, unknown 1, then the vectors' order), starts the
 * embedding table from the vectors (padding and unknown rows zero) and trains the network with
 * {@link ClassifierTrainer}.
 */
public final class LstmSentimentTrainer {
    private final Device device;
    private final int threads;
    private final Progress.Factory progress;
    private Consumer<String> log = s -> {};
    private ClassifierTrainer.Listener listener = f -> {};
    private Path trainingDir;
    private boolean resume;
    private LanguageModelPretraining.Options pretraining;

    public LstmSentimentTrainer(Device device, int threads, Progress.Factory progress) {
        this.device = device;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** Where stage messages go (word2vec done, vocabulary size...). */
    public LstmSentimentTrainer log(Consumer<String> l) {
        this.log = l;
        return this;
    }

    public LstmSentimentTrainer listener(ClassifierTrainer.Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * Keeps the training state in {@code dir} after every epoch ({@link ClassifierTrainer#checkpoints});
     * with {@code resume}, an interrupted run there continues: its vocabulary is reused and the
     * word2vec step is skipped (its vectors are already in the saved embedding table).
     */
    public LstmSentimentTrainer checkpoints(Path dir, boolean resume) {
        this.trainingDir = dir;
        this.resume = resume;
        return this;
    }

    /**
     * Pretrains the embedding and the LSTM as a language model on the unlabeled and the training reviews
     * before the classification epochs ({@link LanguageModelPretraining}); not when resuming.
     */
    public LstmSentimentTrainer pretraining(LanguageModelPretraining.Options options) {
        this.pretraining = options;
        return this;
    }

    /**
     * The model, the training figures, the vectors used (null when resumed), the language-model
     * pretraining epochs (empty without) and the time of each stage.
     */
    public record Result(LstmSentimentModel model, ClassifierTrainer.Result training, WordVectors vectors,
                         List<LanguageModelPretraining.Epoch> pretraining, double tokenizeSeconds, double word2vecSeconds,
                         double trainSeconds, double unknownRate) {}

    /**
     * Trains on {@code texts} (labels 0/1). {@code unlabeled} texts (may be empty) only feed word2vec;
     * {@code vectors} (may be null) replaces the word2vec step and must have the preset's dimension.
     */
    public Result train(LstmPreset preset, TokenizerSpec tokenizerSpec, List<String> texts, int[] labels,
                        List<String> unlabeled, WordVectors vectors) {
        if (vectors != null && vectors.dimension() != preset.embeddingDim()) {
            throw new ShenduException("the vectors have dimension " + vectors.dimension() + ", the " + preset.name()
                    + " preset needs " + preset.embeddingDim() + "; give --embedding-dim " + vectors.dimension()
                    + " or other vectors");
        }
        long t0 = System.nanoTime();
        Tokenizer tokenizer = Tokenizers.fromSpec(tokenizerSpec);
        Map<String, String> canonical = new HashMap<>();
        List<List<String>> tokens = tokenizeAll(tokenizer, texts, canonical);
        double tokenizeSeconds = (System.nanoTime() - t0) / 1e9;
        double w2vSeconds = 0;
        TokenIds resumedVocabulary = null;
        if (resume && trainingDir != null && ClassifierTrainer.canResume(trainingDir)) {
            resumedVocabulary = savedVocabulary(trainingDir.resolve("last"));
            log.accept("resuming the interrupted run in " + trainingDir);
        }
        boolean random = preset.training().embeddings() == org.shendu.rnn.classify.EmbeddingMode.RANDOM;
        if (random && vectors != null) {
            throw new ShenduException("random embeddings use no word vectors: drop the vectors or choose another embedding mode");
        }
        List<List<String>> unlabeledTokens = null;
        boolean pretrain = pretraining != null && resumedVocabulary == null;
        if (vectors == null && resumedVocabulary == null && !random) {
            long w0 = System.nanoTime();
            List<List<String>> sentences = new ArrayList<>(tokens);
            unlabeledTokens = tokenizeAll(tokenizer, unlabeled, canonical);
            sentences.addAll(unlabeledTokens);
            canonical.clear();
            Word2VecConfig config = Word2VecConfig.builder().architecture(Word2VecConfig.Architecture.CBOW)
                    .dimension(preset.embeddingDim()).window(preset.word2vec().window())
                    .minCount(preset.word2vec().minCount()).epochs(preset.word2vec().epochs())
                    .maxVocabulary(preset.word2vec().maxVocabulary())
                    .threads(threads).seed(preset.training().seed()).build();
            vectors = new Word2VecTrainer(config).progress(progress).train(Corpus.of(sentences)).model().wordVectors();
            w2vSeconds = (System.nanoTime() - w0) / 1e9;
            log.accept(String.format(java.util.Locale.ROOT, "word2vec: %,d texts, %,d words of %d dimensions, %.1f s",
                    sentences.size(), vectors.size(), vectors.dimension(), w2vSeconds));
        }
        TokenIds vocabulary = resumedVocabulary != null ? resumedVocabulary
                : random ? TokenIds.mostFrequent(tokens, preset.word2vec().minCount(), preset.word2vec().maxVocabulary())
                : new TokenIds(vectors.words());
        float[] table = resumedVocabulary != null || random ? null : embeddingTable(vectors);
        TextClassifier shell = new TextClassifier(null, vocabulary, preset.maxTokens(), preset.truncation());
        EncodedTexts data = encode(vocabulary, preset, tokens, labels);
        double unknownRate = vocabulary.unknownRate(data.ids());
        log.accept(String.format(java.util.Locale.ROOT, "vocabulary %,d words; %.2f %% of the kept tokens unknown",
                vocabulary.words().size(), 100 * unknownRate));
        long c0 = System.nanoTime();
        ClassifierTrainer trainer = new ClassifierTrainer(device, progress).listener(listener);
        List<LanguageModelPretraining.Epoch> lmEpochs = new ArrayList<>();
        if (pretrain) {
            if (unlabeledTokens == null) {
                unlabeledTokens = tokenizeAll(tokenizer, unlabeled, canonical);
            }
            EncodedTexts lmTexts = encode(vocabulary, preset, unlabeledTokens, null);
            unlabeledTokens = null; // the ids are all the pretraining needs; the token lists are ~100 MB on IMDB
            int outputs = pretraining.outputsFor(vocabulary.size());
            trainer.pretraining(new LanguageModelPretraining(device, progress, pretraining).listener(e -> {
                lmEpochs.add(e);
                log.accept(String.format(java.util.Locale.ROOT,
                        "language-model epoch %d: loss %.4f (perplexity %.1f over %,d outputs), %.1f s", e.epoch(), e.loss(),
                        Math.exp(e.loss()), outputs, e.seconds()));
            }), lmTexts);
        }
        if (trainingDir != null) {
            trainer.checkpoints(trainingDir, resume, Map.of("vocabulary", vocabulary.words(), "preset", preset.toMap()));
        }
        ClassifierTrainer.Result r = trainer.train(preset.network(vocabulary.size()), table, data, preset.training());
        double trainSeconds = (System.nanoTime() - c0) / 1e9;
        TextClassifier classifier = new TextClassifier(r.model(), shell.vocabulary(), shell.maxTokens(), shell.truncation());
        return new Result(new LstmSentimentModel(tokenizerSpec, classifier), r, vectors, List.copyOf(lmEpochs), tokenizeSeconds,
                w2vSeconds,
                trainSeconds, unknownRate);
    }

    private static TokenIds savedVocabulary(Path last) {
        try {
            Object words = Checkpoint.info(last).extra().get("vocabulary");
            if (!(words instanceof List<?> list)) {
                throw ShenduException.in(last, "no vocabulary in the training state; train again without --resume");
            }
            return new TokenIds(list.stream().map(String::valueOf).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(last + ": cannot read the training state: " + e.getMessage(), e);
        }
    }

    private static EncodedTexts encode(TokenIds vocabulary, LstmPreset preset, List<List<String>> tokens, int[] labels) {
        List<int[]> ids = new ArrayList<>(tokens.size());
        for (List<String> t : tokens) {
            ids.add(vocabulary.encode(t, preset.maxTokens(), preset.truncation()));
        }
        return new EncodedTexts(ids, labels);
    }

    /** {@code [2 + words, dim]}: zero rows for padding and unknown words, then the vectors. */
    static float[] embeddingTable(WordVectors vectors) {
        int dim = vectors.dimension();
        float[] values = vectors.values();
        float[] table = new float[(vectors.size() + 2) * dim];
        System.arraycopy(values, 0, table, 2 * dim, vectors.size() * dim);
        return table;
    }

    /** Tokens of each text; equal tokens share one String (millions of tokens, a few ten thousand types). */
    private static List<List<String>> tokenizeAll(Tokenizer tokenizer, List<String> texts, Map<String, String> canonical) {
        List<List<String>> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            List<String> t = tokenizer.tokenize(text);
            List<String> shared = new ArrayList<>(t.size());
            for (String token : t) {
                shared.add(canonical.computeIfAbsent(token, k -> k));
            }
            out.add(shared);
        }
        return out;
    }
}
