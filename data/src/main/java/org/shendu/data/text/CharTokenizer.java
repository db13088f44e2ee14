package org.shendu.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One token per Unicode code point, so that rare CJK characters outside the Basic Multilingual
 * Plane (surrogate pairs in Java strings) stay whole. White space is skipped unless option
 * {@code whitespace=keep}. Used for the poetry language model.
 */
public final class CharTokenizer implements Tokenizer {
    static final String KIND = "chars";
    private final boolean keepWhitespace;

    public CharTokenizer() {
        this(false);
    }

    public CharTokenizer(boolean keepWhitespace) {
        this.keepWhitespace = keepWhitespace;
    }

    static CharTokenizer fromSpec(TokenizerSpec spec) {
        return new CharTokenizer("keep".equals(spec.option("whitespace", "skip")));
    }

    @Override
    public TokenizerSpec spec() {
        return keepWhitespace ? new TokenizerSpec(KIND, Map.of("whitespace", "keep")) : TokenizerSpec.of(KIND);
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> {
            if (keepWhitespace || !Character.isWhitespace(cp)) {
                tokens.add(Character.toString(cp));
            }
        });
        return tokens;
    }
}
