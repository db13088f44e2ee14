package org.shendu.sentiment.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** Stop-word lists for {@link CountVectorizer.Settings#stopWords}. */
public final class StopWords {
    private static final Set<String> ENGLISH = load("english-stop-words.txt");

    private StopWords() {}

    /** scikit-learn's {@code ENGLISH_STOP_WORDS} (318 words), as {@code stop_words='english'}. */
    public static Set<String> english() {
        return ENGLISH;
    }

    private static Set<String> load(String name) {
        try (InputStream in = StopWords.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("stop-word list " + name + " is missing from the jar");
            }
            Set<String> words = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
