package org.shendu.rnn.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link ClassifierTrainer} trains: at most {@code epochs} epochs of mini-batches of
 * {@code batchSize} (length-bucketed unless {@code bucketing} is off), Adam at {@code lr} (AdamW's
 * decoupled {@code weightDecay}, 0 for none) with the
 * global gradient norm clipped to {@code clipNorm} (0: no clipping), the pretrained embeddings
 * handled by {@code embeddings}; {@code validationFraction} of the training set held out (seeded,
 * stratified) for early stopping after {@code patience} epochs without a better validation
 * accuracy; the epoch with the best validation accuracy is the one returned.
 */
public record TrainingOptions(int epochs, int batchSize, float lr, float weightDecay, float clipNorm, EmbeddingMode embeddings,
                              double validationFraction, int patience, boolean bucketing, long seed) {

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1 || !(lr > 0) || !(weightDecay >= 0) || clipNorm < 0 || patience < 0) {
            throw new IllegalArgumentException("bad training options: epochs " + epochs + ", batch " + batchSize + ", lr " + lr
                    + ", clip " + clipNorm + ", patience " + patience);
        }
        if (!(validationFraction > 0 && validationFraction < 0.5)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 0.5), got " + validationFraction);
        }
    }

    public TrainingOptions withEpochs(int e) {
        return new TrainingOptions(e, batchSize, lr, weightDecay, clipNorm, embeddings, validationFraction, patience, bucketing, seed);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(epochs, batchSize, lr, weightDecay, clipNorm, embeddings, validationFraction, patience, bucketing, s);
    }

    public TrainingOptions withEmbeddings(EmbeddingMode m) {
        return new TrainingOptions(epochs, batchSize, lr, weightDecay, clipNorm, m, validationFraction, patience, bucketing, seed);
    }

    public TrainingOptions withBatchSize(int b) {
        return new TrainingOptions(epochs, b, lr, weightDecay, clipNorm, embeddings, validationFraction, patience, bucketing, seed);
    }

    public TrainingOptions withWeightDecay(float wd) {
        return new TrainingOptions(epochs, batchSize, lr, wd, clipNorm, embeddings, validationFraction, patience, bucketing, seed);
    }

    public TrainingOptions withPatience(int p) {
        return new TrainingOptions(epochs, batchSize, lr, weightDecay, clipNorm, embeddings, validationFraction, p, bucketing, seed);
    }

    public TrainingOptions withLearningRate(float r) {
        return new TrainingOptions(epochs, batchSize, r, weightDecay, clipNorm, embeddings, validationFraction, patience, bucketing, seed);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("lr", (double) lr);
        m.put("weight_decay", (double) weightDecay);
        m.put("clip_norm", (double) clipNorm);
        m.put("embeddings", embeddings.spelling());
        m.put("validation_fraction", validationFraction);
        m.put("patience", patience);
        m.put("bucketing", bucketing);
        m.put("seed", seed);
        return m;
    }
}
