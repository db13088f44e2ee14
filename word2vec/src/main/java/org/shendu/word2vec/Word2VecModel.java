package org.shendu.word2vec;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Safetensors;
import org.shendu.core.io.TextArrays;

/**
 * A trained word2vec model: the settings, the vocabulary with its counts, the input vectors
 * {@code syn0} (the word vectors) and the output weights ({@code syn1neg} for negative sampling,
 * {@code syn1} for hierarchical softmax), each a flat row-major {@code float[]} of
 * {@code vocabulary size x dimension}. Saved whole it can be loaded and trained further; for
 * queries take {@link #wordVectors()}, or save those alone in the word2vec formats.
 */
public final class Word2VecModel {
    /** The metadata {@code format} of a saved model. */
    private static final String FORMAT = "shendu-word2vec-model";
    /** 2: a safetensors file; 1 started with this line. */
    private static final int FORMAT_VERSION = 2;
    private static final String FORMAT_1_MAGIC = "SHENDU-WORD2VEC-MODEL 1\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Word2VecConfig config;
    private final WordVocabulary vocabulary;
    private final float[] syn0;
    private final float[] syn1neg;
    private final float[] syn1;
    private int epochsTrained;

    Word2VecModel(Word2VecConfig config, WordVocabulary vocabulary, float[] syn0, float[] syn1neg, float[] syn1,
                  int epochsTrained) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.syn0 = syn0;
        this.syn1neg = syn1neg;
        this.syn1 = syn1;
        this.epochsTrained = epochsTrained;
    }

    public Word2VecConfig config() {
        return config;
    }

    public WordVocabulary vocabulary() {
        return vocabulary;
    }

    /** Epochs trained so far, over every training call. */
    public int epochsTrained() {
        return epochsTrained;
    }

    void addEpochs(int n) {
        epochsTrained += n;
    }

    float[] syn0() {
        return syn0;
    }

    float[] syn1neg() {
        return syn1neg;
    }

    float[] syn1() {
        return syn1;
    }

    /** The word vectors (a copy of {@code syn0}), most frequent word first, ready for queries. */
    public WordVectors wordVectors() {
        return new WordVectors(vocabulary.words(), syn0.clone(), config.dimension(), vocabulary.counts());
    }

    /** The vector of a word (a copy), or null when it is not in the vocabulary. */
    public float[] vector(String word) {
        int id = vocabulary.id(word);
        return id < 0 ? null : Arrays.copyOfRange(syn0, id * config.dimension(), (id + 1) * config.dimension());
    }

    /** Header of the saved model file. */
    private record Header(Word2VecConfig config, int vocabularySize, int epochsTrained, boolean hasSyn1neg,
                          boolean hasSyn1) {}

    /**
     * Saves everything needed to continue training as a safetensors file (the core's container, so
     * NumPy and PyTorch read it too): the vocabulary as texts ({@link TextArrays}), {@code counts}
     * (I64), {@code syn0}, {@code syn1neg} and {@code syn1} ({@code F32 [vocabulary, dimension]}),
     * the settings as JSON in the metadata, and a checksum of the data. Replaced atomically.
     */
    public void save(Path file) throws IOException {
        int v = vocabulary.size(), dim = config.dimension();
        Map<String, Safetensors.Array> tensors = new LinkedHashMap<>();
        TextArrays.put(tensors, "vocabulary", vocabulary.words().toArray(String[]::new));
        long[] counts = new long[v];
        for (int i = 0; i < v; i++) {
            counts[i] = vocabulary.count(i);
        }
        tensors.put("counts", Safetensors.Array.of(counts, v));
        tensors.put("syn0", Safetensors.Array.of(syn0, v, dim));
        if (syn1neg != null) {
            tensors.put("syn1neg", Safetensors.Array.of(syn1neg, v, dim));
        }
        if (syn1 != null) {
            tensors.put("syn1", Safetensors.Array.of(syn1, v, dim));
        }
        Header h = new Header(config, v, epochsTrained, syn1neg != null, syn1 != null);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("format_version", Integer.toString(FORMAT_VERSION));
        metadata.put("header", JSON.writeValueAsString(h));
        Safetensors.writeFile(file, tensors, metadata);
    }

    /** True when {@code file} is a model written by {@link #save}. */
    public static boolean isModel(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (startsWith(file, FORMAT_1_MAGIC)) {
            return true; // an older model: load() says how to get a current one
        }
        try {
            return FORMAT.equals(Safetensors.readMetadata(file).get("format"));
        } catch (ShenduException e) {
            return false;
        }
    }

    /** Loads a model written by {@link #save}; anything else is a one-line error. */
    public static Word2VecModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ShenduException(file + ": no such model file");
        }
        if (startsWith(file, FORMAT_1_MAGIC)) {
            throw ShenduException.in(file, "a word2vec model of format 1, but this shendu reads format " + FORMAT_VERSION
                    + "; train it again (or export its vectors with the shendu that wrote it)");
        }
        if (!isModel(file)) {
            throw ShenduException.in(file, "not a shendu word2vec model (a safetensors file with format " + FORMAT
                    + "); word2vec vectors files load with WordVectors.load");
        }
        Safetensors.Contents c = Safetensors.readFile(file);
        String version = c.metadata().get("format_version");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw ShenduException.in(file, "word2vec model format " + version + ", but this shendu reads format " + FORMAT_VERSION);
        }
        try {
            Header h = JSON.readValue(c.metadata().getOrDefault("header", ""), Header.class);
            int v = h.vocabularySize();
            int dim = h.config().dimension();
            List<String> words = List.of(TextArrays.get(file, c.tensors(), "vocabulary"));
            long[] counts = (long[]) matrix(file, c, "counts", Safetensors.Dtype.I64, v);
            if (words.size() != v) {
                throw ShenduException.in(file, "damaged: " + words.size() + " words for a vocabulary of " + v);
            }
            float[] syn0 = (float[]) matrix(file, c, "syn0", Safetensors.Dtype.F32, (long) v * dim);
            float[] syn1neg = h.hasSyn1neg() ? (float[]) matrix(file, c, "syn1neg", Safetensors.Dtype.F32, (long) v * dim) : null;
            float[] syn1 = h.hasSyn1() ? (float[]) matrix(file, c, "syn1", Safetensors.Dtype.F32, (long) v * dim) : null;
            return new Word2VecModel(h.config(), WordVocabulary.of(words, counts), syn0, syn1neg, syn1, h.epochsTrained());
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            throw ShenduException.in(file, "corrupt model header: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static Object matrix(Path file, Safetensors.Contents c, String name, Safetensors.Dtype dtype, long size) {
        Safetensors.Array a = c.tensors().get(name);
        if (a == null || a.dtype() != dtype || a.size() != size) {
            throw ShenduException.in(file, "damaged: no " + dtype + " tensor `" + name + "` of " + size + " values");
        }
        return a.values();
    }

    private static boolean startsWith(Path file, String magic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length()), magic.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
