package org.shendu.cli.poetry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shendu.cli.CommonOptions;
import org.shendu.cli.AtLeast;
import org.shendu.cli.DeviceOptions;
import org.shendu.cli.SeedOption;
import org.shendu.cli.ThreadsOption;
import org.shendu.cli.InputPath;
import org.shendu.cli.Positive;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.sample.Sampler;
import org.shendu.rnn.poetry.PoemGenerator;
import org.shendu.rnn.poetry.PoemRequest;
import org.shendu.rnn.poetry.PoetryModel;
import org.shendu.rnn.poetry.VerseForm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shendu poetry generate}: poems in a verse form, acrostics, continuations, with rhyme and tones on request. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write poems with a trained model; the form, acrostic, rhyme and tones are enforced while decoding.")
public final class PoetryGenerateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOptions device;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "A checkpoint folder written by `shendu poetry train` (its best/; default: the pretrained model shipped in the jar).")
    @InputPath
    Path model;

    @Option(names = "--form", paramLabel = "NAME", description = "Verse form: " + VerseForm.NAMES + " (default: free verse, "
            + "or 五言 with one line per acrostic head).")
    String form;

    @Option(names = "--acrostic", paramLabel = "HEADS", description = "藏头诗: line i begins with the i-th of these characters.")
    String acrostic;

    @Option(names = "--begin", paramLabel = "TEXT", description = "Begin with these characters (punctuation included).")
    String begin;

    @Option(names = "--continue", paramLabel = "LINE", description = "续写: continue this first line (5 or 7 characters make a 绝句 unless --form says otherwise).")
    String continueLine;

    @Option(names = "--rhyme", description = "Even lines rhyme (中华新韵 groups of the modern reading, from pinyin4j).")
    boolean rhyme;

    @Option(names = "--tones", description = "Regulated 平仄 pattern on positions 2, 4, 6 and the line ends.")
    boolean tones;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "4", description = "Poems to write (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int samples;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.8", description = "Softmax temperature (default: ${DEFAULT-VALUE}).")
    @Positive
    float temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Draw among the K likeliest allowed characters (0: all).")
    @AtLeast(0)
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Nucleus sampling: the smallest set holding probability P (1: all).")
    @Positive
    float topP;

    @Option(names = "--greedy", description = "Always the likeliest allowed character (no sampling).")
    boolean greedy;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "128", description = "Length guard for free verse (default: ${DEFAULT-VALUE}).")
    @AtLeast(1)
    int maxLength;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (samples < 1) {
            throw usage("--samples must be at least 1, got " + samples);
        }
        if (maxLength < 1) {
            throw usage("--max-length must be at least 1, got " + maxLength);
        }
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw usage("--temperature must be above 0 and finite, got " + temperature);
        }
        if (topK < 0) {
            throw usage("--top-k must be 0 (off) or more, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw usage("--top-p must be in (0, 1], got " + topP);
        }
        if (begin != null && continueLine != null) {
            throw usage("give --begin or --continue, not both");
        }
        VerseForm verse;
        try {
            verse = form == null ? null : VerseForm.parse(form);
        } catch (ShenduException e) {
            throw usage("--form: " + e.getMessage());
        }
        PoemRequest request = PoemRequest.free().withMaxLength(maxLength)
                .withForm(verse)
                .withAcrostic(acrostic).withBeginning(begin != null ? begin : continueLine).withRhyme(rhyme).withTones(tones);
        Device device = this.device.open(threads.get());
        try (PoetryModel m = model == null ? PoetryModel.pretrained(device) : PoetryModel.load(model, device)) {
            request.constraint(m.vocabulary()); // an impossible request fails here, before any work
            long seed = seedOption.get(err);
            List<String> poems = PoemGenerator.generate(m.network(), m.vocabulary(), request, samples,
                    sampler(seed)::sampleIds);
            String title = request.effectiveForm() == null ? "free verse" : request.effectiveForm().title();
            if (options.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("seed", seed);
                json.put("form", title);
                List<List<String>> lines = new ArrayList<>();
                poems.forEach(p -> lines.add(PoemGenerator.lines(p)));
                json.put("poems", lines);
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(json));
            } else {
                for (int i = 0; i < poems.size(); i++) {
                    out.println("# " + (i + 1) + "/" + poems.size() + " " + title + " (seed " + seed + ")");
                    PoemGenerator.lines(poems.get(i)).forEach(out::println);
                    out.println();
                }
            }
        }
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Sampler sampler(long seed) {
        Sampler.Builder b = Sampler.builder().seed(seed).topK(topK).topP(topP);
        return (greedy ? b.greedy() : b.temperature(temperature)).build();
    }
}
