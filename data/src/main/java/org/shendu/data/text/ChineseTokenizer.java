package org.shendu.data.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Chinese word segmentation with Lucene smartcn's {@link HMMChineseTokenizer} (a hidden Markov
 * model over a bigram dictionary, from ICTCLAS). Tokens without a letter or digit (punctuation) are
 * dropped; nothing is stemmed. Option {@code stopwords=smartcn} also drops smartcn's stop words.
 * Latin letters come out lower-cased and full-width forms half-width, as smartcn does.
 */
public final class ChineseTokenizer implements Tokenizer {
    static final String KIND = "chinese";

    // Lucene tokenizers are stateful and single-threaded: one per thread.
    private static final ThreadLocal<Segmenter> SEGMENTER = ThreadLocal.withInitial(Segmenter::new);

    private final boolean stopWords;

    public ChineseTokenizer() {
        this(false);
    }

    public ChineseTokenizer(boolean stopWords) {
        this.stopWords = stopWords;
    }

    static ChineseTokenizer fromSpec(TokenizerSpec spec) {
        String stop = spec.option("stopwords", "none");
        return switch (stop) {
            case "none" -> new ChineseTokenizer(false);
            case "smartcn" -> new ChineseTokenizer(true);
            default -> throw new org.shendu.core.ShenduException(
                    "chinese tokenizer: option stopwords=" + stop + " is not known, expected none or smartcn");
        };
    }

    @Override
    public TokenizerSpec spec() {
        return stopWords ? new TokenizerSpec(KIND, Map.of("stopwords", "smartcn")) : TokenizerSpec.of(KIND);
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = SEGMENTER.get().segment(text);
        tokens.removeIf(t -> !hasLetterOrDigit(t) || stopWords && StopWords.SET.contains(t));
        return tokens;
    }

    private static boolean hasLetterOrDigit(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isLetterOrDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static final class StopWords {
        static final CharArraySet SET = SmartChineseAnalyzer.getDefaultStopSet();
    }

    private static final class Segmenter {
        private final HMMChineseTokenizer tokenizer = new HMMChineseTokenizer();
        private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);

        List<String> segment(String text) {
            List<String> out = new ArrayList<>(text.length() / 2 + 1);
            try {
                tokenizer.setReader(new StringReader(text));
                tokenizer.reset();
                while (tokenizer.incrementToken()) {
                    out.add(term.toString());
                }
                tokenizer.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            } finally {
                try {
                    tokenizer.close();
                } catch (IOException ignored) {
                    // closing a StringReader cannot fail
                }
            }
            return out;
        }
    }
}
