package org.shendu.data.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Chinese word segmentation with Lucene smartcn's {@link HMMChineseTokenizer} (a hidden Markov
 * model over a bigram dictionary, from ICTCLAS). Tokens without a letter or digit (punctuation) are
 * dropped; nothing is stemmed. Option {@code stopwords=default} also drops a short list of
 * function words (particles, pronouns, conjunctions; no negations or intensifiers, which carry
 * sentiment).
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
            case "default" -> new ChineseTokenizer(true);
            default -> throw new org.shendu.core.ShenduException(
                    "chinese tokenizer: option stopwords=" + stop + " is not known, expected none or default");
        };
    }

    @Override
    public TokenizerSpec spec() {
        return stopWords ? new TokenizerSpec(KIND, Map.of("stopwords", "default")) : TokenizerSpec.of(KIND);
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
        // smartcn's own stop set holds only punctuation, which is dropped anyway.
        static final Set<String> SET = Set.of(
                "的", "了", "着", "过", "地", "得", "之", "其", "是", "在", "和", "与", "及", "或", "而", "也",
                "就", "都", "又", "还", "把", "被", "让", "给", "从", "向", "对", "于", "以", "为", "将", "由",
                "啊", "吧", "呢", "吗", "哦", "嗯", "呀", "啦", "嘛", "哈", "么", "个", "这", "那", "这个",
                "那个", "这些", "那些", "这里", "那里", "我", "你", "他", "她", "它", "我们", "你们", "他们",
                "她们", "它们", "自己", "因为", "所以", "但是", "但", "而且", "如果", "虽然", "然后", "以及",
                "并且", "或者", "一个", "一些", "有些", "什么", "怎么", "这样", "那样", "已经", "可以");
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
