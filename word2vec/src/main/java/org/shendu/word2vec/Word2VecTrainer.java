package org.shendu.word2vec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;

/**
 * Trains word2vec (Mikolov et al. 2013, "Efficient Estimation of Word Representations in Vector
 * Space" and "Distributed Representations of Words and Phrases and their Compositionality"): CBOW
 * or skip-gram, with negative sampling and/or hierarchical softmax, subsampling of frequent words,
 * a randomly shrunk window and a linearly decaying learning rate, on several threads that update
 * the shared weights without locks.
 *
 * <p>With one thread and a fixed seed two runs give identical vectors. With more threads the
 * corpus is split into one byte range per thread and the interleaving of their unlocked updates
 * changes the result a little from run to run, as in every word2vec implementation.
 */
public final class Word2VecTrainer {
    private final Word2VecConfig config;
    private Progress.Factory progress = Progress.Factory.NONE;

    public Word2VecTrainer(Word2VecConfig config) {
        this.config = config;
    }

    /**
     * True when the hot loop runs on the JDK's vector API (the JVM was started with
     * {@code --add-modules jdk.incubator.vector}); about twice as fast as the plain loops.
     */
    public static boolean vectorApi() {
        return Kernels.VECTOR_API;
    }

    /** Where progress (words/s, learning rate, loss, ETA) goes; default none. */
    public Word2VecTrainer progress(Progress.Factory factory) {
        this.progress = factory;
        return this;
    }

    /** A model and how its training went. */
    public record Trained(Word2VecModel model, TrainingReport report) {}

    /** Counts the corpus and keeps the words that pass min-count and the vocabulary cap. */
    public WordVocabulary buildVocabulary(Corpus corpus) {
        TokenTable counted = corpus.count();
        WordVocabulary vocabulary = WordVocabulary.prune(counted, config.minCount(), config.maxVocabulary());
        if (vocabulary.size() == 0) {
            throw new ShenduException(corpus.describe() + ": no word occurs at least " + config.minCount()
                    + " times (min-count " + config.minCount() + ")" + (counted.size() == 0 ? "; the corpus is empty" : ""));
        }
        if (vocabulary.totalCount() <= config.window()) {
            throw new ShenduException(corpus.describe() + ": only " + vocabulary.totalCount()
                    + " words to train on, not more than the window (" + config.window() + ")");
        }
        return vocabulary;
    }

    /** Builds the vocabulary, initialises the weights from the seed and trains for the configured epochs. */
    public Trained train(Corpus corpus) {
        long t0 = System.nanoTime();
        WordVocabulary vocabulary = buildVocabulary(corpus);
        double vocabSeconds = (System.nanoTime() - t0) / 1e9;
        Word2VecModel model = initialise(config, vocabulary);
        TrainingReport r = run(model, corpus, config.epochs());
        return new Trained(model, new TrainingReport(vocabSeconds, r.trainSeconds(), r.tokens(), r.wordsPerSecond(),
                r.epochLoss()));
    }

    /**
     * Trains an existing model further on a corpus, with this trainer's threads, seed and learning
     * rates; words outside the model's vocabulary are skipped (the vocabulary does not grow).
     */
    public TrainingReport continueTraining(Word2VecModel model, Corpus corpus, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1");
        }
        Word2VecConfig merged = model.config().toBuilder().threads(config.threads()).seed(config.seed())
                .alpha(config.alpha()).minAlpha(config.minAlpha()).build();
        Word2VecModel m = new Word2VecModel(merged, model.vocabulary(), model.syn0(), model.syn1neg(), model.syn1(),
                model.epochsTrained());
        TrainingReport report = run(m, corpus, epochs);
        model.addEpochs(epochs);
        return report;
    }

    /** The C tool's initialisation: input vectors uniform in [-0.5/dim, 0.5/dim), output weights zero. */
    static Word2VecModel initialise(Word2VecConfig config, WordVocabulary vocabulary) {
        int dim = config.dimension();
        long cells = (long) vocabulary.size() * dim;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new ShenduException("vocabulary of " + vocabulary.size() + " words x dimension " + dim
                    + " is too large for one array; lower --max-vocab or --dim");
        }
        float[] syn0 = new float[(int) cells];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int i = 0; i < syn0.length; i++) {
            syn0[i] = (float) ((random.nextDouble() - 0.5) / dim);
        }
        float[] syn1neg = config.negative() > 0 ? new float[(int) cells] : null;
        float[] syn1 = config.hierarchicalSoftmax() ? new float[(int) cells] : null;
        return new Word2VecModel(config, vocabulary, syn0, syn1neg, syn1, 0);
    }

    private TrainingReport run(Word2VecModel model, Corpus corpus, int epochs) {
        Word2VecConfig c = model.config();
        WordVocabulary vocabulary = model.vocabulary();
        long[] counts = vocabulary.counts();
        int[] keep = c.sample() > 0 ? subsamplingThresholds(counts, vocabulary.totalCount(), c.sample()) : null;
        NegativeSampler sampler = c.negative() > 0 ? new NegativeSampler(counts, c.nsExponent()) : null;
        HuffmanTree tree = c.hierarchicalSoftmax() ? new HuffmanTree(counts) : null;
        long totalWords = vocabulary.totalCount() * epochs;
        TrainingSchedule schedule = new TrainingSchedule(c.alpha(), c.minAlpha(), totalWords, epochs);
        int threads = c.threads();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            TrainingWorker worker = new TrainingWorker(model, schedule, corpus, t, threads, epochs, keep, sampler,
                    tree, c.seed() + model.epochsTrained() * 1_000_003L);
            Thread thread = new Thread(worker, "word2vec-" + t);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((th, e) -> {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
                schedule.cancel();
            });
            workers.add(thread);
        }
        long start = System.nanoTime();
        try (Progress bar = progress.start("word2vec " + c.architecture().name().toLowerCase().replace('_', '-'),
                totalWords, "words")) {
            workers.forEach(Thread::start);
            long shown = 0;
            for (Thread thread : workers) {
                while (thread.isAlive()) {
                    thread.join(250);
                    long done = schedule.wordsDone();
                    bar.advance(done - shown);
                    shown = done;
                    int e = schedule.latestEpoch();
                    bar.status(String.format("epoch %d/%d lr %.5f loss %.4f", e + 1, epochs, schedule.alpha(),
                            schedule.epochLoss(e)));
                }
            }
            bar.advance(schedule.wordsDone() - shown);
        } catch (InterruptedException e) {
            schedule.cancel();
            Thread.currentThread().interrupt();
            throw new ShenduException("training interrupted");
        }
        if (failure[0] != null) {
            Throwable f = failure[0];
            if (f instanceof RuntimeException re) {
                throw re;
            }
            throw new ShenduException("training failed: " + f, f);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        model.addEpochs(epochs);
        List<Double> losses = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            losses.add(schedule.epochLoss(e));
        }
        long tokens = schedule.tokensRead();
        return new TrainingReport(0, seconds, tokens, tokens / seconds, losses);
    }

    /**
     * Keep probabilities of subsampling, scaled to 2^24: p(w) = (sqrt(f/(s T)) + 1) (s T)/f for a word
     * seen f times among T, threshold s (word2vec.c; gensim's {@code sample_int}).
     */
    static int[] subsamplingThresholds(long[] counts, long total, double sample) {
        int[] keep = new int[counts.length];
        double threshold = sample * total;
        for (int i = 0; i < counts.length; i++) {
            double f = counts[i];
            double p = (Math.sqrt(f / threshold) + 1) * threshold / f;
            keep[i] = p >= 1 ? 1 << 24 : (int) (p * (1 << 24));
        }
        return keep;
    }
}
