package org.shendu.word2vec;

/**
 * One training thread: reads its part of the corpus every epoch and updates the shared weight
 * arrays without locks (Hogwild; Recht et al. 2011), as word2vec.c's {@code TrainModelThread}
 * does. Everything on the hot path is a plain loop over flat {@code float[]} rows, with no
 * allocation, a sigmoid table and the C tool's linear congruential generator per thread.
 */
final class TrainingWorker implements Runnable {
    /** Words between two updates of the learning rate and the shared counters (the C tool's 10,000). */
    private static final int REPORT_EVERY = 10_000;

    private final TrainingSchedule schedule;
    private final Corpus corpus;
    private final WordVocabulary vocabulary;
    private final int part;
    private final int parts;
    private final int epochs;

    private final float[] syn0;
    private final float[] syn1neg;
    private final float[] syn1;
    private final int dim;
    private final int window;
    private final int negative;
    private final boolean cbow;
    private final boolean cbowMean;
    private final int[] keep;
    private final int[] noiseThreshold;
    private final int[] noiseAlias;
    private final int[] codeOffset;
    private final int[] codeLength;
    private final byte[] codes;
    private final int[] points;

    private final float[] neu1;
    private final float[] neu1e;
    private final int[] sentence;
    private long random;
    private double loss;
    private long trained;

    TrainingWorker(Word2VecModel model, TrainingSchedule schedule, Corpus corpus, int part, int parts, int epochs,
                   int[] keep, NegativeSampler sampler, HuffmanTree tree, long seed) {
        Word2VecConfig c = model.config();
        this.schedule = schedule;
        this.corpus = corpus;
        this.vocabulary = model.vocabulary();
        this.part = part;
        this.parts = parts;
        this.epochs = epochs;
        this.syn0 = model.syn0();
        this.syn1neg = model.syn1neg();
        this.syn1 = model.syn1();
        this.dim = c.dimension();
        this.window = c.window();
        this.negative = c.negative();
        this.cbow = c.architecture() == Word2VecConfig.Architecture.CBOW;
        this.cbowMean = c.cbowMean();
        this.keep = keep;
        this.noiseThreshold = sampler == null ? null : sampler.threshold;
        this.noiseAlias = sampler == null ? null : sampler.alias;
        this.codeOffset = tree == null ? null : tree.offset;
        this.codeLength = tree == null ? null : tree.length;
        this.codes = tree == null ? null : tree.codes;
        this.points = tree == null ? null : tree.points;
        this.neu1 = new float[dim];
        this.neu1e = new float[dim];
        this.sentence = new int[c.maxSentenceLength()];
        // Distinct, seed-driven streams per thread; the C tool seeds with the thread id alone.
        this.random = seed * 0x9E3779B97F4A7C15L + (part + 1) * 0xBF58476D1CE4E5B9L;
    }

    private long nextRandom() {
        random = random * 25214903917L + 11;
        return random;
    }

    @Override
    public void run() {
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (schedule.cancelled()) {
                return;
            }
            loss = 0;
            trained = 0;
            long sinceReport = 0;
            long tokensReported = 0;
            float alpha = schedule.alpha();
            try (SentenceReader reader = corpus.reader(vocabulary, part, parts)) {
                int n;
                while ((n = reader.next(sentence)) >= 0) {
                    sinceReport += n;
                    if (sinceReport >= REPORT_EVERY) {
                        schedule.report(sinceReport, reader.tokensRead - tokensReported, epoch, loss, trained);
                        loss = 0;
                        trained = 0;
                        tokensReported = reader.tokensRead;
                        sinceReport = 0;
                        alpha = schedule.alpha();
                        if (schedule.cancelled()) {
                            return;
                        }
                    }
                    int len = keep == null ? n : subsample(n);
                    if (len < 2) {
                        continue;
                    }
                    if (cbow) {
                        cbow(len, alpha);
                    } else {
                        skipGram(len, alpha);
                    }
                }
                schedule.report(sinceReport, reader.tokensRead - tokensReported, epoch, loss, trained);
            }
        }
    }

    /** Drops frequent words with the C tool's probability 1 - (sqrt(f/(s T)) + 1) (s T)/f, in place. */
    private int subsample(int n) {
        int[] sen = sentence;
        int[] keep = this.keep;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int w = sen[i];
            int k = keep[w];
            if (k < (1 << 24) && (int) (nextRandom() >>> 40) >= k) {
                continue;
            }
            sen[kept++] = w;
        }
        return kept;
    }

    private void cbow(int len, float alpha) {
        final float[] syn0 = this.syn0;
        final float[] neu1 = this.neu1;
        final float[] neu1e = this.neu1e;
        final int[] sen = this.sentence;
        final int dim = this.dim;
        final int window = this.window;
        for (int pos = 0; pos < len; pos++) {
            int word = sen[pos];
            // A random shrink b in [0, window) by multiply-shift instead of a 64-bit division.
            int b = (int) (((nextRandom() >>> 32) * window) >>> 32);
            int from = Math.max(0, pos - window + b);
            int to = Math.min(len, pos + window - b + 1);
            for (int d = 0; d < dim; d++) {
                neu1[d] = 0f;
                neu1e[d] = 0f;
            }
            int cw = 0;
            for (int c = from; c < to; c++) {
                if (c == pos) {
                    continue;
                }
                Kernels.add(syn0, sen[c] * dim, neu1, 0, dim);
                cw++;
            }
            if (cw == 0) {
                continue;
            }
            if (cbowMean) {
                float inv = 1f / cw;
                for (int d = 0; d < dim; d++) {
                    neu1[d] *= inv;
                }
            }
            if (codes != null) {
                hierarchicalSoftmax(word, neu1, 0, alpha);
            }
            if (negative > 0) {
                negativeSampling(word, neu1, 0, alpha);
            }
            if (!cbowMean) {
                // Summed context: the error is shared among the summed vectors (gensim's cbow_mean=0).
                float inv = 1f / cw;
                for (int d = 0; d < dim; d++) {
                    neu1e[d] *= inv;
                }
            }
            for (int c = from; c < to; c++) {
                if (c == pos) {
                    continue;
                }
                Kernels.add(neu1e, 0, syn0, sen[c] * dim, dim);
            }
            trained++;
        }
    }

    private void skipGram(int len, float alpha) {
        final float[] syn0 = this.syn0;
        final float[] neu1e = this.neu1e;
        final int[] sen = this.sentence;
        final int dim = this.dim;
        final int window = this.window;
        for (int pos = 0; pos < len; pos++) {
            int word = sen[pos];
            // A random shrink b in [0, window) by multiply-shift instead of a 64-bit division.
            int b = (int) (((nextRandom() >>> 32) * window) >>> 32);
            int from = Math.max(0, pos - window + b);
            int to = Math.min(len, pos + window - b + 1);
            for (int c = from; c < to; c++) {
                if (c == pos) {
                    continue;
                }
                int l1 = sen[c] * dim;
                for (int d = 0; d < dim; d++) {
                    neu1e[d] = 0f;
                }
                if (codes != null) {
                    hierarchicalSoftmax(word, syn0, l1, alpha);
                }
                if (negative > 0) {
                    negativeSampling(word, syn0, l1, alpha);
                }
                Kernels.add(neu1e, 0, syn0, l1, dim);
            }
            trained++;
        }
    }

    /**
     * Negative sampling (Mikolov et al. 2013): maximise log sigma(h . v'_w) + sum_k log sigma(-h . v'_k)
     * over {@code negative} noise words k. Accumulates the input gradient in {@code neu1e} and
     * updates the output rows in place. {@code h} is {@code in[at, at + dim)}.
     */
    private void negativeSampling(int word, float[] in, int at, float alpha) {
        final float[] syn1neg = this.syn1neg;
        final float[] neu1e = this.neu1e;
        final float[] sig = SigmoidTable.SIGMOID;
        final float[] logSig = SigmoidTable.LOG_SIGMOID;
        final int dim = this.dim;
        double loss = 0;
        for (int k = 0; k <= negative; k++) {
            int target;
            float label;
            if (k == 0) {
                target = word;
                label = 1f;
            } else {
                long r1 = nextRandom();
                long r2 = nextRandom();
                int i = (int) (((r1 >>> 32) * noiseThreshold.length) >>> 32);
                target = (int) (r2 >>> 33) < noiseThreshold[i] ? i : noiseAlias[i];
                if (target == word) {
                    continue;
                }
                label = 0f;
            }
            int l2 = target * dim;
            float f = Kernels.dot(in, at, syn1neg, l2, dim);
            float g;
            if (f > SigmoidTable.MAX) {
                g = (label - 1f) * alpha;
                loss += label == 1f ? 0 : f;
            } else if (f < -SigmoidTable.MAX) {
                g = label * alpha;
                loss += label == 1f ? -f : 0;
            } else {
                int i = (int) ((f + SigmoidTable.MAX) * SigmoidTable.SCALE);
                g = (label - sig[i]) * alpha;
                loss -= label == 1f ? logSig[i] : logSig[SigmoidTable.SIZE - i];
            }
            Kernels.updateRow(g, syn1neg, l2, in, at, neu1e, dim);
        }
        this.loss += loss;
    }

    /**
     * Hierarchical softmax: maximise sum_i log sigma((1 - 2 code_i) h . syn1[point_i]) along the
     * word's Huffman path. Like the C tool, nodes whose score is outside [-6, 6] are skipped.
     */
    private void hierarchicalSoftmax(int word, float[] in, int at, float alpha) {
        final float[] syn1 = this.syn1;
        final float[] neu1e = this.neu1e;
        final float[] sig = SigmoidTable.SIGMOID;
        final float[] logSig = SigmoidTable.LOG_SIGMOID;
        final int dim = this.dim;
        int off = codeOffset[word];
        int n = codeLength[word];
        double loss = 0;
        for (int j = 0; j < n; j++) {
            int l2 = points[off + j] * dim;
            int code = codes[off + j];
            float f = Kernels.dot(in, at, syn1, l2, dim);
            if (f <= -SigmoidTable.MAX || f >= SigmoidTable.MAX) {
                // The C tool skips the update here; count the loss of the saturated side.
                float s = code == 0 ? f : -f;
                loss += s < 0 ? -s : 0;
                continue;
            }
            int i = (int) ((f + SigmoidTable.MAX) * SigmoidTable.SCALE);
            float g = (1 - code - sig[i]) * alpha;
            loss -= code == 0 ? logSig[i] : logSig[SigmoidTable.SIZE - i];
            Kernels.updateRow(g, syn1, l2, in, at, neu1e, dim);
        }
        this.loss += loss;
    }
}
