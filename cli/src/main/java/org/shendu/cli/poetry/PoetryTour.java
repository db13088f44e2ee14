package org.shendu.cli.poetry;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shendu.cli.TourStep;
import org.shendu.core.Device;
import org.shendu.core.sample.Sampler;
import org.shendu.rnn.poetry.PoemGenerator;
import org.shendu.rnn.poetry.PoemRequest;
import org.shendu.rnn.poetry.PoetryModel;
import org.shendu.rnn.poetry.VerseForm;

/**
 * The poetry part of the tour: the model shipped in the jar writes an acrostic 五言绝句 on 春夏秋冬 with
 * rhyme, and continues 白日依山尽, the form kept exactly by the decoder.
 */
public final class PoetryTour implements TourStep {

    @Override
    public String title() {
        return "poetry: Tang poems in the form asked for";
    }

    @Override
    public String run(PrintWriter out, Path dir, long seed) {
        StringBuilder md = new StringBuilder();
        try (PoetryModel model = PoetryModel.pretrained(Device.of("cpu"))) {
            String about = String.format(Locale.ROOT, "The pretrained model shipped in the jar (step %d, validation perplexity %.1f).",
                    model.step(), Math.exp(model.validationNll()));
            out.println(about);
            md.append(about).append("\n\n");
            Sampler sampler = Sampler.builder().temperature(0.8f).topP(0.9f).seed(seed).build();
            write(out, md, "`shendu poetry generate --acrostic 春夏秋冬 --rhyme`",
                    model.generate(PoemRequest.of(VerseForm.WUJUE).withAcrostic("春夏秋冬").withRhyme(true), 1, sampler));
            write(out, md, "`shendu poetry generate --continue 白日依山尽`",
                    model.generate(PoemRequest.free().withBeginning("白日依山尽"), 1, sampler));
        }
        return md.toString();
    }

    private static void write(PrintWriter out, StringBuilder md, String command, List<String> poems) {
        out.println(command.replace("`", ""));
        md.append(command).append(":\n\n");
        for (String poem : poems) {
            for (String line : PoemGenerator.lines(poem)) {
                out.println("  " + line);
                md.append("    ").append(line).append('\n');
            }
        }
        md.append('\n');
    }
}
