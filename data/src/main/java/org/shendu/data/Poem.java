package org.shendu.data;

import java.util.List;

/** A classical Chinese poem: title, author and its lines (usually one couplet each, with punctuation). */
public record Poem(String title, String author, List<String> paragraphs) {

    /** The whole text, lines joined. */
    public String text() {
        return String.join("", paragraphs);
    }
}
