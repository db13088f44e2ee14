package org.shendu.data;

/**
 * One IMDB movie review.
 *
 * @param id the original file stem {@code <n>_<rating>}, unique within a split
 * @param label 1 positive, 0 negative, -1 unlabeled (the "unsup" split)
 * @param rating the star rating 1-10, or 0 when unknown (unsup)
 * @param text the review as written, HTML such as {@code <br />} included
 */
public record Review(String id, int label, int rating, String text) {

    /** Whether the review has a sentiment label. */
    public boolean labeled() {
        return label >= 0;
    }
}
