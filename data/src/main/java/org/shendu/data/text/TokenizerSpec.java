package org.shendu.data.text;

import java.util.Map;
import java.util.TreeMap;

/**
 * How a tokenizer was configured, small enough to store beside a model (as JSON) so that
 * inference tokenizes exactly as training did: a kind ({@code english}, {@code chinese},
 * {@code chars}) and string options.
 */
public record TokenizerSpec(String kind, Map<String, String> options) {

    public TokenizerSpec {
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
    }

    public static TokenizerSpec of(String kind) {
        return new TokenizerSpec(kind, Map.of());
    }

    /** An option's value, or {@code fallback} when unset. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
