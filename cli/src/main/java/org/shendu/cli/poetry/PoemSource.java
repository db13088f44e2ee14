package org.shendu.cli.poetry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.shendu.core.ShenduException;
import org.shendu.data.DataDirectory;
import org.shendu.rnn.poetry.PoetryCorpus;

/** What {@code --dataset} names: the Tang corpus (simplified or traditional), the shipped sample, or a poem file. */
final class PoemSource {
    static final String NAMES = "tang (simplified), tang-traditional, sample-tang, or a chinese-poetry JSON / JSON Lines file or folder";

    private PoemSource() {}

    static PoetryCorpus.Bodies read(String dataset, boolean traditional, DataDirectory data) {
        String name = dataset == null ? (traditional ? "tang-traditional" : "tang") : dataset;
        if (traditional && "tang".equals(name)) {
            name = "tang-traditional";
        }
        switch (name) {
            case "sample-tang":
                return PoetryCorpus.readSample();
            case "tang":
            case "tang-traditional": {
                Path file = data.path("poetry", name.equals("tang") ? "tang.simplified.jsonl.gz" : "tang.jsonl.gz");
                if (!Files.isRegularFile(file)) {
                    throw new ShenduException(file + " is missing: run `shendu data fetch poetry` or give --data DIR "
                            + "(or --dataset sample-tang for the shipped sample)");
                }
                return PoetryCorpus.read(file);
            }
            default: {
                Path file = Path.of(name);
                if (!Files.exists(file)) {
                    throw new ShenduException("--dataset " + name + ": no such file (expected " + NAMES + ")");
                }
                return PoetryCorpus.read(file);
            }
        }
    }
}
