package org.shendu.word2vec;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shendu.core.ShenduException;
import org.shendu.core.io.AtomicFiles;

/**
 * A trained word2vec model: the settings, the vocabulary with its counts, the input vectors
 * {@code syn0} (the word vectors) and the output weights ({@code syn1neg} for negative sampling,
 * {@code syn1} for hierarchical softmax), each a flat row-major {@code float[]} of
 * {@code vocabulary size x dimension}. Saved whole it can be loaded and trained further; for
 * queries take {@link #wordVectors()}, or save those alone in the word2vec formats.
 */
public final class Word2VecModel {
    private static final String MAGIC = "SHENDU-WORD2VEC-MODEL 1\n";
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
     * Saves everything needed to continue training: a text header line, a JSON line with the
     * settings, then the vocabulary (UTF-8 word, count) and the weight matrices as little-endian
     * float32. Written to a temporary file and renamed.
     */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
            Header h = new Header(config, vocabulary.size(), epochsTrained, syn1neg != null, syn1 != null);
            out.write(JSON.writeValueAsBytes(h));
            out.write('\n');
            for (int i = 0; i < vocabulary.size(); i++) {
                byte[] w = vocabulary.word(i).getBytes(StandardCharsets.UTF_8);
                out.writeInt(w.length);
                out.write(w);
                out.writeLong(vocabulary.count(i));
            }
            writeFloats(out, syn0);
            if (syn1neg != null) {
                writeFloats(out, syn1neg);
            }
            if (syn1 != null) {
                writeFloats(out, syn1);
            }
            out.flush();
        });
    }

    /** True when the file starts like a model written by {@link #save}. */
    public static boolean isModel(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(MAGIC.length());
            return Arrays.equals(start, MAGIC.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Loads a model written by {@link #save}. */
    public static Word2VecModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ShenduException(file + ": no such model file");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            try {
                in.readFully(magic);
            } catch (EOFException e) {
                throw ShenduException.in(file, "not a shendu word2vec model (file too short)");
            }
            if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
                throw ShenduException.in(file, "not a shendu word2vec model (expected the header "
                        + MAGIC.strip() + "; word2vec vectors files load with WordVectors.load)");
            }
            try {
                Header h = JSON.readValue(readLine(in), Header.class);
                int v = h.vocabularySize();
                int dim = h.config().dimension();
                List<String> words = new ArrayList<>(v);
                long[] counts = new long[v];
                for (int i = 0; i < v; i++) {
                    int len = in.readInt();
                    if (len < 0 || len > 1 << 20) {
                        throw ShenduException.in(file, "corrupt vocabulary entry " + i);
                    }
                    byte[] w = new byte[len];
                    in.readFully(w);
                    words.add(new String(w, StandardCharsets.UTF_8));
                    counts[i] = in.readLong();
                }
                float[] syn0 = readFloats(in, (long) v * dim, file);
                float[] syn1neg = h.hasSyn1neg() ? readFloats(in, (long) v * dim, file) : null;
                float[] syn1 = h.hasSyn1() ? readFloats(in, (long) v * dim, file) : null;
                if (in.read() != -1) {
                    throw ShenduException.in(file, "unexpected bytes after the weights");
                }
                return new Word2VecModel(h.config(), WordVocabulary.of(words, counts), syn0, syn1neg, syn1,
                        h.epochsTrained());
            } catch (EOFException e) {
                throw ShenduException.in(file, "truncated model file");
            } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
                throw ShenduException.in(file, "corrupt model header: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException();
            }
            sb.append((char) b);
            if (sb.length() > 1 << 16) {
                throw new IllegalArgumentException("header line too long");
            }
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!bb.hasRemaining()) {
                out.write(bb.array(), 0, bb.position());
                bb.clear();
            }
            bb.putFloat(v);
        }
        out.write(bb.array(), 0, bb.position());
    }

    private static float[] readFloats(DataInputStream in, long n, Path file) throws IOException {
        if (n > Integer.MAX_VALUE) {
            throw ShenduException.in(file, "weight matrix too large");
        }
        float[] values = new float[(int) n];
        byte[] chunk = new byte[1 << 16];
        int at = 0;
        while (at < n) {
            int count = (int) Math.min(chunk.length / 4, n - at);
            in.readFully(chunk, 0, count * 4);
            ByteBuffer.wrap(chunk, 0, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, at, count);
            at += count;
        }
        return values;
    }
}
