package org.shendu.sentiment.text;

import java.util.ArrayList;
import java.util.List;
import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.TokenizerSpec;
import org.shendu.sentiment.features.StopWords;

/**
 * The cleaning of Kaggle's "Bag of Words Meets Bags of Popcorn" tutorial, as the anchor script
 * reproduces it: HTML tags removed, every character but ASCII letters turned into a space,
 * lower-cased, English stop words dropped (scikit-learn's list), and then scikit-learn's default
 * token pattern {@code \b\w\w+\b}, which drops one-letter words.
 */
public final class KaggleTutorialTokenizer implements Tokenizer {
    /** The kind in a {@link TokenizerSpec}. */
    public static final String KIND = "kaggle-tutorial";

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>(text.length() / 8 + 4);
        StringBuilder word = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == '<') {
                // The tutorial's BeautifulSoup, as the anchor approximates it: <[^>]+> becomes a space.
                int close = text.indexOf('>', i + 1);
                if (close > i + 1) {
                    flush(word, tokens);
                    i = close;
                    continue;
                }
            }
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                word.append((char) (ch | 0x20));
            } else {
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() >= 2) {
            String w = word.toString();
            if (!StopWords.english().contains(w)) {
                tokens.add(w);
            }
        }
        word.setLength(0);
    }

    @Override
    public TokenizerSpec spec() {
        return TokenizerSpec.of(KIND);
    }
}
