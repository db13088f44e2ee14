package org.shendu.rnn.classify;

import java.util.Locale;

/**
 * What training does to pretrained embeddings: keep them ({@code FROZEN}), train them with the
 * rest ({@code FINE_TUNED}), or keep them for the first epoch, while the randomly initialised LSTM
 * and output layer settle, then train them ({@code FROZEN_FIRST_EPOCH}, the gradual unfreezing of
 * Howard and Ruder 2018), or start without pretrained vectors ({@code RANDOM}: the vocabulary comes
 * from the training texts and the table starts N(0, 1), as PyTorch's {@code nn.Embedding}, and trains;
 * the ablation that shows what the vectors add). Without pretrained vectors the embeddings always train.
 */
public enum EmbeddingMode {
    FROZEN, FINE_TUNED, FROZEN_FIRST_EPOCH, RANDOM;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EmbeddingMode parse(String s) {
        for (EmbeddingMode m : values()) {
            if (m.spelling().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown embedding mode '" + s + "'; use frozen, fine-tuned, frozen-first-epoch or random");
    }

    /** Whether the embeddings train during epoch {@code epoch} (from 1). */
    boolean trainsIn(int epoch) {
        return this == FINE_TUNED || this == RANDOM || (this == FROZEN_FIRST_EPOCH && epoch > 1);
    }
}
