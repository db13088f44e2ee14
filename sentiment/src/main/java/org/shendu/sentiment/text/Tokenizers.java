package org.shendu.sentiment.text;

import org.shendu.data.text.Tokenizer;
import org.shendu.data.text.TokenizerSpec;

/** Turns a saved {@link TokenizerSpec} back into a tokenizer: the data module's kinds plus this module's own. */
public final class Tokenizers {
    private Tokenizers() {}

    public static Tokenizer fromSpec(TokenizerSpec spec) {
        if (KaggleTutorialTokenizer.KIND.equals(spec.kind())) {
            return new KaggleTutorialTokenizer();
        }
        return Tokenizer.fromSpec(spec);
    }
}
