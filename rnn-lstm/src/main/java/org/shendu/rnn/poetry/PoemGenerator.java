package org.shendu.rnn.poetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.RecurrentState;

/**
 * Writes poems with a {@link CharLanguageModel} one token at a time on the carried recurrent state
 * ({@link CharLanguageModel#step}: O(length), the prefix never re-run), several poems as one batch.
 * Before every draw the ids a poem's {@link PoemConstraint} forbids get logit -inf, so the form is
 * made while decoding, never filtered afterwards; UNK and BOS are never allowed.
 */
public final class PoemGenerator {

    /** Draws one id per row from logits {@code [B, V]} in which forbidden ids are -inf. */
    @FunctionalInterface
    public interface Picker {
        int[] pick(Tensor maskedLogits);
    }

    private PoemGenerator() {}

    /** {@code count} poems for {@code request}; each is the body text (punctuation included, no BOS/EOS). */
    public static List<String> generate(CharLanguageModel model, PoetryVocabulary vocabulary, PoemRequest request, int count,
            Picker picker) {
        if (count < 1) {
            throw new ShenduException("the number of poems must be at least 1, not " + count);
        }
        PoemConstraint[] constraints = new PoemConstraint[count];
        for (int b = 0; b < count; b++) {
            constraints[b] = request.constraint(vocabulary);
        }
        int v = vocabulary.size();
        if (model.config().vocabulary() != v) {
            throw new ShenduException("the model's vocabulary (" + model.config().vocabulary() + ") is not this vocabulary ("
                    + v + ")");
        }
        List<List<Integer>> poems = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            poems.add(new ArrayList<>());
        }
        boolean training = model.isTraining();
        model.eval();
        Device device = model.device();
        int[] next = new int[count];
        Arrays.fill(next, PoetryVocabulary.BOS);
        RecurrentState state = null;
        try (GradMode off = GradMode.off(); Scope outer = Scope.open()) {
            int guard = request.maxLength() + request.beginning().length() + 2
                    + (constraints[0].form() == null ? 0 : constraints[0].form().length());
            for (int t = 0; t < guard && !allFinished(constraints); t++) {
                try (Scope s = Scope.open()) {
                    CharLanguageModel.Step step = model.step(device.ints(next, count), state);
                    float[] logits = step.logits().toFloatArray();
                    for (int b = 0; b < count; b++) {
                        BitSet allowed = constraints[b].finished() ? eosOnly() : constraints[b].allowed();
                        for (int id = 0; id < v; id++) {
                            if (!allowed.get(id)) {
                                logits[b * v + id] = Float.NEGATIVE_INFINITY;
                            }
                        }
                    }
                    int[] picked = picker.pick(device.tensor(logits, count, v));
                    for (int b = 0; b < count; b++) {
                        if (constraints[b].finished()) {
                            picked[b] = PoetryVocabulary.EOS;
                            continue;
                        }
                        constraints[b].accept(picked[b]);
                        if (picked[b] != PoetryVocabulary.EOS) {
                            poems.get(b).add(picked[b]);
                        }
                    }
                    next = picked;
                    if (state != null) {
                        state.close();
                    }
                    state = step.state().keep(s);
                }
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        List<String> out = new ArrayList<>();
        for (List<Integer> p : poems) {
            int[] ids = p.stream().mapToInt(Integer::intValue).toArray();
            out.add(vocabulary.decode(ids, 0, ids.length));
        }
        return out;
    }

    private static boolean allFinished(PoemConstraint[] cs) {
        for (PoemConstraint c : cs) {
            if (!c.finished()) {
                return false;
            }
        }
        return true;
    }

    private static BitSet eosOnly() {
        BitSet b = new BitSet();
        b.set(PoetryVocabulary.EOS);
        return b;
    }

    /** A poem as printed: one couplet (up to '。', '！', '？' or '；') a line. */
    public static List<String> lines(String poem) {
        List<String> lines = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        poem.codePoints().forEach(cp -> {
            sb.appendCodePoint(cp);
            if (cp == '。' || cp == '！' || cp == '？' || cp == '；') {
                lines.add(sb.toString());
                sb.setLength(0);
            }
        });
        if (sb.length() > 0) {
            lines.add(sb.toString());
        }
        return lines;
    }
}
