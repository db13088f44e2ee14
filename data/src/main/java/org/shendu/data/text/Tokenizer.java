package org.shendu.data.text;

import java.util.List;
import org.shendu.core.ShenduException;

/** Splits text into tokens. Implementations are thread-safe and can describe themselves. */
public interface Tokenizer {

    List<String> tokenize(String text);

    /** The configuration that {@link #fromSpec} turns back into an equal tokenizer. */
    TokenizerSpec spec();

    /** The tokenizer a spec describes. */
    static Tokenizer fromSpec(TokenizerSpec spec) {
        return switch (spec.kind()) {
            case EnglishTokenizer.KIND -> EnglishTokenizer.fromSpec(spec);
            case ChineseTokenizer.KIND -> ChineseTokenizer.fromSpec(spec);
            case CharTokenizer.KIND -> CharTokenizer.fromSpec(spec);
            default -> throw new ShenduException("unknown tokenizer `" + spec.kind()
                    + "`, expected english, chinese or chars");
        };
    }

    /** The default tokenizer of a kind: {@code english}, {@code chinese} or {@code chars}. */
    static Tokenizer named(String kind) {
        return fromSpec(TokenizerSpec.of(kind));
    }
}
