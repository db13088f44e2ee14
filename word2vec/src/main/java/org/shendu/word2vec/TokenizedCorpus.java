package org.shendu.word2vec;

import java.util.List;

/** Sentences already tokenized, held in memory; thread {@code k} of {@code n} takes every sentence in its slice. */
final class TokenizedCorpus extends Corpus {
    private final List<List<String>> sentences;

    TokenizedCorpus(List<List<String>> sentences) {
        this.sentences = List.copyOf(sentences);
    }

    @Override
    TokenTable count() {
        TokenTable table = new TokenTable();
        for (List<String> sentence : sentences) {
            for (String token : sentence) {
                table.add(token, 1);
            }
        }
        return table;
    }

    @Override
    SentenceReader reader(WordVocabulary vocabulary, int part, int parts) {
        int from = (int) ((long) sentences.size() * part / parts);
        int to = (int) ((long) sentences.size() * (part + 1) / parts);
        return new SentenceReader() {
            private int sentence = from;
            private int token;

            @Override
            int next(int[] ids) {
                if (sentence >= to) {
                    return -1;
                }
                List<String> tokens = sentences.get(sentence);
                int n = 0;
                while (token < tokens.size() && n < ids.length) {
                    tokensRead++;
                    int id = vocabulary.id(tokens.get(token++));
                    if (id >= 0) {
                        ids[n++] = id;
                    }
                }
                if (token >= tokens.size()) {
                    sentence++;
                    token = 0;
                }
                return n;
            }
        };
    }

    @Override
    public String describe() {
        return sentences.size() + " tokenized sentences";
    }
}
