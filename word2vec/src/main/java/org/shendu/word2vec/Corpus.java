package org.shendu.word2vec;

import java.nio.file.Path;
import java.util.List;

/**
 * What word2vec trains on: sentences of tokens. Either a plain text file (one sentence or document
 * per line, tokens separated by whitespace, as the C tool and gensim's {@code LineSentence} read),
 * streamed from disk by every thread over its own byte range; or sentences already tokenized in
 * memory, e.g. reviews run through the data module's tokenizers (Chinese segmented by smartcn).
 */
public abstract class Corpus {

    Corpus() {}

    /** A plain text file, read as UTF-8 bytes: one sentence per line, whitespace between tokens. */
    public static Corpus textFile(Path file) {
        return new TextFileCorpus(file);
    }

    /** Sentences already split into tokens. */
    public static Corpus of(List<List<String>> sentences) {
        return new TokenizedCorpus(sentences);
    }

    /** Counts every token once, in order of first appearance. */
    abstract TokenTable count();

    /**
     * A reader of part {@code part} of {@code parts} (one per training thread), giving each
     * sentence as the ids of its in-vocabulary words.
     */
    abstract SentenceReader reader(WordVocabulary vocabulary, int part, int parts);

    /** Where the corpus comes from, for messages. */
    public abstract String describe();
}
