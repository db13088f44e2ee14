package org.shendu.sentiment.features;

import java.util.List;
import java.util.function.Function;

/**
 * Turns documents into rows of a sparse feature matrix, scikit-learn style: {@code fitTransform}
 * learns the columns from training documents, {@code transform} maps new documents onto them.
 * Documents are tokenised one at a time by the given function while they are counted, so the
 * token lists of a whole corpus never sit in memory together.
 */
public interface Vectorizer {

    /** Learns the columns from {@code docs} and returns their rows. */
    <T> CsrMatrix fitTransform(List<T> docs, Function<? super T, List<String>> tokenizer);

    /** The rows of {@code docs} over the fitted columns; unseen terms are ignored. */
    <T> CsrMatrix transform(List<T> docs, Function<? super T, List<String>> tokenizer);

    /** {@link #fitTransform(List, Function)} for documents that are already token lists. */
    default CsrMatrix fitTransform(List<List<String>> docs) {
        return fitTransform(docs, Function.identity());
    }

    /** {@link #transform(List, Function)} for documents that are already token lists. */
    default CsrMatrix transform(List<List<String>> docs) {
        return transform(docs, Function.identity());
    }

    /** Number of columns. */
    int features();

    /** A readable name of column {@code column} (the term, or the vector dimension). */
    String featureName(int column);
}
