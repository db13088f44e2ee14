package org.shendu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command-line contract of docs/cli.md, enforced on every subcommand registered in picocli's
 * model (a new command is covered the day it is added): each is fed bad input of every kind that
 * applies to its options, in-process, and must answer with the right exit code (2 for the command
 * line, 1 or 2 for bad file contents), exactly one line on standard error starting {@code shendu:},
 * no exception class name, no stack trace, nothing on standard output, and no file on disk changed,
 * removed or left behind.
 */
class CliContractTest {
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b\\w*(Exception|Error)\\b|\\bat [a-z]+\\.\\w");

    @TempDir
    static Path tmp;

    /** Real models, made once by the commands themselves, to truncate and corrupt. */
    private static Path word2vecModel;
    private static Path sentimentModel;
    private static Path cnnCheckpoint;

    private final Map<String, Integer> kinds = new TreeMap<>();
    private final Set<String> commandsSeen = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private int cases;

    @BeforeAll
    static void models() throws IOException {
        long t0 = System.nanoTime();
        Path w2v = tmp.resolve("models/w2v");
        ok("word2vec", "train", "--dataset", "sample-imdb", "--dim", "8", "--epochs", "1", "--min-count", "20",
                "--threads", "1", "--seed", "1", "--out", w2v.toString());
        word2vecModel = w2v.resolve("model.w2v");
        sentimentModel = tmp.resolve("models/sentiment.model");
        ok("sentiment", "train", "--dataset", "sample-imdb", "--recipe", "nb", "--no-test", "--threads", "1",
                "--seed", "1", "--model", sentimentModel.toString(), "--out", tmp.resolve("models/s").toString());
        Path cnn = tmp.resolve("models/cnn");
        ok("cnn", "train", "--dry-run", "--limit", "64", "--epochs", "1", "--batch-size", "32", "--device", "cpu",
                "--threads", "1", "--seed", "1", "--out", cnn.toString());
        cnnCheckpoint = cnn.resolve("checkpoint");
        assertTrue(Files.exists(word2vecModel) && Files.exists(sentimentModel) && Files.exists(cnnCheckpoint));
        System.out.printf("CLI contract: three models made in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void ok(String... args) {
        Result r = run(List.of(args));
        assertEquals(0, r.exit, String.join(" ", args) + " failed: " + r.err);
    }

    /** Every command with something to run, found from picocli's model (help excluded). */
    static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(ShenduCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        Object user = c.getCommandSpec().userObject();
        if (c.getSubcommands().isEmpty() && !(user instanceof CommandLine.HelpCommand)) {
            all.add(c);
        }
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, all));
    }

    @Test
    void everyCommandIsFound() {
        List<String> names = commands().stream().map(c -> c.getCommandSpec().qualifiedName(" ")).toList();
        for (String expected : List.of("shendu tour", "shendu word2vec train", "shendu word2vec convert",
                "shendu sentiment predict", "shendu cnn predict", "shendu data fetch", "shendu bench cnn_mnist")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
    }

    /** The contract is only checkable where options say what they accept. */
    @Test
    void everyNumberAndPathOptionSaysWhatItAccepts() {
        List<String> missing = new ArrayList<>();
        for (CommandLine c : commands()) {
            for (ArgSpec a : c.getCommandSpec().args()) {
                AnnotatedElement e = Validation.element(a);
                Class<?> t = elementType(a);
                if (e == null) {
                    continue;
                }
                boolean number = Number.class.isAssignableFrom(box(t)) && !isSeed(a);
                if (number && !e.isAnnotationPresent(AtLeast.class) && !e.isAnnotationPresent(Positive.class)) {
                    missing.add(c.getCommandSpec().qualifiedName() + " " + Validation.name(a) + " (a number)");
                }
                if (t == Path.class && Stream.of(InputFile.class, InputPath.class, FolderPath.class, OutputDir.class, OutputFile.class)
                        .noneMatch(e::isAnnotationPresent)) {
                    missing.add(c.getCommandSpec().qualifiedName() + " " + Validation.name(a) + " (a path)");
                }
            }
        }
        assertEquals(List.of(), missing, "annotate with @AtLeast/@Positive or @InputFile/@InputPath/@OutputDir/@OutputFile");
    }

    @Test
    void everyCommandRefusesBadInputInOneLineAndTouchesNothing() throws Exception {
        Map<String, Long> millis = new LinkedHashMap<>();
        for (CommandLine c : commands()) {
            long t0 = System.nanoTime();
            CommandSpec spec = c.getCommandSpec();
            List<String> path = commandPath(spec);
            Path dir = Files.createDirectories(tmp.resolve("case").resolve(String.join("-", path)));
            Fixtures fx = new Fixtures(dir);
            List<String> base = baseline(spec, fx);
            commandsSeen.add(spec.qualifiedName());

            usage(fx, "unknown option", path, base, List.of("--no-such-option"), "--no-such-option");
            usage(fx, "unknown option with value", path, base, List.of("--no-such-option=3"), "--no-such-option");
            if (spec.positionalParameters().stream().noneMatch(p -> p.arity().max() > 1 || p.isMultiValue())) {
                usage(fx, "stray argument", path, base, List.of("stray-argument"), "stray-argument");
            }
            boolean tensors = spec.findOption("--device") != null;
            if (!tensors) {
                usage(fx, "device it cannot use", path, base, List.of("--device=cuda"), "--device");
                usage(fx, "precision it cannot use", path, base, List.of("--precision=tf32"), "--precision");
            }
            for (ArgSpec a : spec.args()) {
                if (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp())) {
                    continue;
                }
                badValues(fx, path, base, spec, a);
            }
            for (ArgSpec required : requiredArgs(spec)) {
                List<String> without = without(base, spec, required);
                if (without != null) {
                    usage(fx, "missing required", path, without, List.of(), null);
                }
            }
            millis.put(String.join(" ", path), (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("CLI contract: milliseconds per command " + millis);
        System.out.printf("CLI contract: %d cases over %d commands; kinds: %s%n", cases, commandsSeen.size(), kinds);
        assertTrue(kinds.size() >= 20, "at least 20 kinds of bad input, got " + kinds.keySet());
        assertEquals(0, failures.size(), failures.size() + " of " + cases + " cases broke the contract:\n\n"
                + String.join("\n\n", failures));
    }

    /** The command lines of issue 15, each once a crash, a silent acceptance or a late failure. */
    @Test
    void theFaultsFirstSeen() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("issue15"));
        Fixtures fx = new Fixtures(dir);
        Path file = fx.file("afile", "x".getBytes(StandardCharsets.UTF_8));
        Path three = fx.file("three.tsv", "label\ttext\n1\tgood film\n0\tbad film\n1\tfine film\n"
                .getBytes(StandardCharsets.UTF_8));
        String vectors = word2vecModel.toString();
        String checkpoint = cnnCheckpoint.toString();
        Object[][] cases = {
            {2, "--epochs", List.of("cnn", "train", "--epochs", "0", "--dry-run")},
            {2, "--batch-size", List.of("cnn", "train", "--batch-size", "0", "--dry-run")},
            {2, "--lr", List.of("cnn", "train", "--lr", "-1", "--dry-run")},
            {2, "IMAGE", List.of("cnn", "predict", checkpoint)},
            {2, file.toString(), List.of("cnn", "train", "--dry-run", "--out", file.toString())},
            {2, "--c", List.of("sentiment", "train", "--c", "0", "--dataset", "sample-imdb")},
            {2, "--folds", List.of("sentiment", "train", "--folds", "1", "--dataset", "sample-imdb")},
            {1, null, List.of("sentiment", "train", "--dataset", three.toString(), "--no-test", "--seed", "1",
                    "--out", dir.resolve("s").toString())},
            {2, "--threads", List.of("sentiment", "train", "--threads", "0")},
            {2, "--threads", List.of("word2vec", "train", "--threads", "-2", "--dataset", "sample-imdb")},
            {2, "--top", List.of("word2vec", "similar", "--vectors", vectors, "--top", "0", "good")},
            {2, "--limit", List.of("word2vec", "similar", "--vectors", vectors, "--limit", "-1", "good")},
            {2, "--restrict", List.of("word2vec", "evaluate", "--vectors", vectors, "--restrict", "0")},
            {2, "--dim", List.of("word2vec", "train", "--dataset", "sample-imdb", "--continue", vectors, "--dim", "50",
                    "--out", dir.resolve("w").toString())},
            {2, file.toString(), List.of("word2vec", "train", "--dataset", "sample-imdb", "--out", file.toString())},
            {2, dir.toString(), List.of("word2vec", "convert", vectors, dir.toString(), "--to", "text")},
            {2, "--device", List.of("tour", "--device", "cuda")},
            {2, "--device", List.of("word2vec", "train", "--dataset", "sample-imdb", "--device", "cuda")},
            {2, "--device", List.of("sentiment", "train", "--device", "cuda")},
            {2, null, List.of("word2vec", "similar", "-m", vectors, "good")},
            {2, "--cv", List.of("sentiment", "evaluate", "--recipe", "nb", "--cv", "3")},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) c[2];
            int exit = (Integer) c[0];
            check(fx, "issue 15", args.subList(0, 0), args, List.of(), Set.of(exit), (String) c[1]);
        }
        Result json = run(List.of("cnn", "predict", checkpoint, "--json", "--device", "cpu",
                fx.file("digit.png", png()).toString()));
        assertEquals(0, json.exit, json.err);
        assertTrue(json.out.startsWith("[{\"image\":"), json.out);
        assertEquals(0, failures.size(), String.join("\n\n", failures));
    }

    /** docs/cli.md: identical runs (same input, options, seed, one thread) write byte-identical files. */
    @Test
    void identicalRunsWriteIdenticalFiles() throws Exception {
        for (int run = 0; run < 2; run++) {
            Path dir = tmp.resolve("identical").resolve(String.valueOf(run));
            ok("word2vec", "train", "--dataset", "sample-imdb", "--dim", "8", "--epochs", "1", "--min-count", "20",
                    "--threads", "1", "--seed", "3", "--text", "--out", dir.resolve("w2v").toString());
            ok("sentiment", "train", "--dataset", "sample-imdb", "--recipe", "nb", "--threads", "1", "--seed", "3",
                    "--out", dir.resolve("sentiment").toString());
            ok("word2vec", "convert", dir.resolve("w2v/model.w2v").toString(), dir.resolve("w2v.txt").toString(),
                    "--to", "text");
        }
        Path a = tmp.resolve("identical/0");
        Path b = tmp.resolve("identical/1");
        List<Path> files;
        try (Stream<Path> all = Files.walk(a)) {
            files = all.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path f : files) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f))),
                    f + " differs between two identical runs");
        }
    }

    /** A 28 x 28 grey PNG. */
    private static byte[] png() throws IOException {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- bad values per argument

    private void badValues(Fixtures fx, List<String> path, List<String> base, CommandSpec spec, ArgSpec a)
            throws Exception {
        AnnotatedElement e = Validation.element(a);
        Class<?> type = box(elementType(a));
        String name = Validation.name(a);
        if (a instanceof OptionSpec o && o.arity().min() > 0) {
            List<String> rest = without(base, spec, a) == null ? base : without(base, spec, a);
            List<String> args = new ArrayList<>(rest);
            args.add(o.longestName());
            usage(fx, "option without its value", path, args, List.of(), o.longestName());
            if (!o.isMultiValue() && Number.class.isAssignableFrom(type)) {
                usage(fx, "option given twice", path, base, List.of(o.longestName(), "1", o.longestName(), "2"),
                        o.longestName());
            }
        }
        if (e == null || isSeed(a)) {
            return;
        }
        if (Number.class.isAssignableFrom(type)) {
            boolean integral = type == Integer.class || type == Long.class;
            String fractional = integral ? "1.5" : null;
            bad(fx, "not a number", path, base, spec, a, "abc");
            bad(fx, "empty value", path, base, spec, a, "");
            if (integral) {
                bad(fx, "fraction for a count", path, base, spec, a, fractional);
                bad(fx, "overflowing number", path, base, spec, a, "99999999999999999999");
            } else {
                bad(fx, "NaN", path, base, spec, a, "NaN");
            }
            AtLeast atLeast = e.getAnnotation(AtLeast.class);
            if (atLeast != null) {
                double below = integral ? atLeast.value() - 1 : atLeast.value() - 1e-3;
                bad(fx, below == 0 ? "zero count" : "below range", path, base, spec, a, format(below));
                bad(fx, "negative", path, base, spec, a, "-5");
            }
            if (e.isAnnotationPresent(Positive.class)) {
                bad(fx, "zero count", path, base, spec, a, "0");
                bad(fx, "negative", path, base, spec, a, "-1");
                bad(fx, "infinite", path, base, spec, a, "Infinity");
            }
        }
        if (e.isAnnotationPresent(OneOf.class)) {
            bad(fx, "unknown choice", path, base, spec, a, "no-such-choice");
        }
        boolean input = e.isAnnotationPresent(InputFile.class) || e.isAnnotationPresent(InputPath.class);
        if (input) {
            bad(fx, "missing file", path, base, spec, a, fx.dir.resolve("no-such-file").toString());
            if (e.isAnnotationPresent(InputFile.class)) {
                bad(fx, "empty file", path, base, spec, a, fx.file("empty.txt", new byte[0]).toString());
                bad(fx, "folder for a file", path, base, spec, a, fx.folder("a-folder").toString());
                content(fx, "garbage bytes", path, base, spec, a, fx.file("garbage.bin", garbage()));
                content(fx, "Latin-1 text", path, base, spec, a, fx.file("latin1.txt",
                        "caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la carte\n\u00e9t\u00e9 caf\u00e9\n"
                                .getBytes(StandardCharsets.ISO_8859_1)));
                content(fx, "invalid UTF-8", path, base, spec, a, fx.file("bad-utf8.txt",
                        concat("good words here\nand then ".getBytes(StandardCharsets.UTF_8),
                                new byte[] {(byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '\n'})));
            }
            Path model = modelFor(spec, name);
            if (model != null) {
                content(fx, "truncated model", path, base, spec, a, fx.damaged(model, "truncated", true));
                content(fx, "corrupted model", path, base, spec, a, fx.damaged(model, "corrupted", false));
            }
        }
        if (e.isAnnotationPresent(FolderPath.class)) {
            bad(fx, "file for a folder", path, base, spec, a, fx.file("not-a-folder.txt", "x\n"
                    .getBytes(StandardCharsets.UTF_8)).toString());
        }
        if (e.isAnnotationPresent(OutputDir.class)) {
            bad(fx, "output folder is a file", path, base, spec, a, fx.file("existing-file.txt", "keep me\n"
                    .getBytes(StandardCharsets.UTF_8)).toString());
            bad(fx, "output under a file", path, base, spec, a, fx.file("plain-file", "x".getBytes(StandardCharsets.UTF_8))
                    .resolve("sub").toString());
            unwritable(fx, path, base, spec, a);
        }
        if (e.isAnnotationPresent(OutputFile.class)) {
            Path folder = fx.folder("existing-folder");
            Files.writeString(folder.resolve("inside.txt"), "keep me\n");
            bad(fx, "output file is a folder", path, base, spec, a, folder.toString());
            bad(fx, "output under a file", path, base, spec, a, fx.file("plain-file", "x".getBytes(StandardCharsets.UTF_8))
                    .resolve("out.bin").toString());
            unwritable(fx, path, base, spec, a);
        }
    }

    private void unwritable(Fixtures fx, List<String> path, List<String> base, CommandSpec spec, ArgSpec a)
            throws Exception {
        Path locked = fx.folder("locked");
        if (!locked.toFile().setWritable(false, false) || Files.isWritable(locked)) {
            return; // root writes anywhere: the file-as-parent case above stands in for it
        }
        try {
            bad(fx, "unwritable folder", path, base, spec, a, locked.resolve("out").toString());
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    /** A value refused on the command line: exit 2, naming the option. */
    private void bad(Fixtures fx, String kind, List<String> path, List<String> base, CommandSpec spec, ArgSpec a,
            String value) throws Exception {
        usage(fx, kind, path, with(base, spec, a, value), List.of(), a instanceof OptionSpec o ? o.longestName()
                : value.isEmpty() ? null : value);
    }

    /** A file whose contents are bad: exit 1 (or 2), one line, never an internal error. */
    private void content(Fixtures fx, String kind, List<String> path, List<String> base, CommandSpec spec, ArgSpec a,
            Path file) throws Exception {
        check(fx, kind, path, with(base, spec, a, file.toString()), List.of(), Set.of(1, 2), null);
    }

    private void usage(Fixtures fx, String kind, List<String> path, List<String> base, List<String> extra,
            String mentions) throws Exception {
        check(fx, kind, path, base, extra, Set.of(2), mentions);
    }

    private void check(Fixtures fx, String kind, List<String> path, List<String> base, List<String> extra,
            Set<Integer> exits, String mentions) throws Exception {
        // Extra options go first, so that a command's variable-length positionals cannot swallow them; extra
        // plain words last, after the positionals they are in excess of.
        List<String> args = new ArrayList<>(path);
        extra.stream().filter(x -> x.startsWith("-")).forEach(args::add);
        args.addAll(base);
        extra.stream().filter(x -> !x.startsWith("-")).forEach(args::add);
        Map<Path, String> before = fx.snapshot();
        long t0 = System.nanoTime();
        Result r = run(args);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String what = kind + ": shendu " + String.join(" ", args) + "\n  exit " + r.exit + "\n  stderr: " + r.err
                + "\n  stdout: " + r.out;
        cases++;
        kinds.merge(kind, 1, Integer::sum);
        try {
            expect(fx, r, what, exits, mentions, before, seconds);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    private static void expect(Fixtures fx, Result r, String what, Set<Integer> exits, String mentions,
            Map<Path, String> before, double seconds) throws IOException {
        if (!exits.contains(r.exit)) {
            fail("exit code, expected " + exits + ", " + what);
        }
        List<String> lines = r.err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr, " + what);
        String line = lines.get(0);
        assertTrue(line.startsWith("shendu: "), what);
        assertFalse(EXCEPTION_NAME.matcher(line).find(), "an exception name or stack trace, " + what);
        assertFalse(line.contains("internal error"), "bad input must get a reason, not an internal error, " + what);
        if (mentions != null) {
            assertTrue(line.contains(mentions), "the line names " + mentions + ", " + what);
        }
        assertEquals("", r.out, "nothing on stdout, " + what);
        assertEquals(before, fx.snapshot(), "files on disk untouched and nothing left behind, " + what);
        if (exits.equals(Set.of(2))) {
            assertTrue(seconds < 5, "a command-line error is found before any work (" + seconds + " s), " + what);
        }
    }

    // ---------------------------------------------------------------- building command lines

    /** Valid values for what the command requires, so that each case fails for one reason only. */
    private List<String> baseline(CommandSpec spec, Fixtures fx) throws IOException {
        List<String> args = new ArrayList<>();
        for (ArgSpec a : requiredArgs(spec)) {
            if (a instanceof OptionSpec o) {
                args.add(o.longestName());
                args.add(validValue(spec, a, fx));
            }
        }
        if (spec.findOption("--out") != null && !args.contains("--out")) {
            args.add("--out");
            args.add(fx.dir.resolve("out").toString());
        }
        if (spec.findOption("--seed") != null) {
            args.addAll(List.of("--seed", "1"));
        }
        if (spec.findOption("--data") != null) {
            args.addAll(List.of("--data", fx.folder("data").toString()));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            int n = Math.max(1, p.arity().min());
            for (int i = 0; i < n; i++) {
                args.add(validValue(spec, p, fx));
            }
        }
        return args;
    }

    /** Required options, one option of each required group, and required positionals. */
    private static List<ArgSpec> requiredArgs(CommandSpec spec) {
        List<ArgSpec> required = new ArrayList<>();
        Set<ArgSpec> grouped = new LinkedHashSet<>();
        for (ArgGroupSpec g : spec.argGroups()) {
            grouped.addAll(g.args());
            if (g.multiplicity().min() > 0) {
                required.add(g.args().iterator().next());
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.required() && !grouped.contains(o)) {
                required.add(o);
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.arity().min() > 0) {
                required.add(p);
            }
        }
        return required;
    }

    private String validValue(CommandSpec spec, ArgSpec a, Fixtures fx) throws IOException {
        AnnotatedElement e = Validation.element(a);
        Class<?> type = box(elementType(a));
        if (e != null && e.isAnnotationPresent(OneOf.class)) {
            return e.getAnnotation(OneOf.class).value()[0];
        }
        if (e != null && e.isAnnotationPresent(AtLeast.class)) {
            return format(Math.max(1, e.getAnnotation(AtLeast.class).value()));
        }
        if (Number.class.isAssignableFrom(type)) {
            return "1";
        }
        if (e != null && (e.isAnnotationPresent(InputFile.class) || e.isAnnotationPresent(InputPath.class))) {
            Path model = modelFor(spec, Validation.name(a));
            return model != null ? model.toString() : fx.file("input-" + a.paramLabel() + ".txt",
                    "some words\n".getBytes(StandardCharsets.UTF_8)).toString();
        }
        if (e != null && (e.isAnnotationPresent(OutputDir.class) || e.isAnnotationPresent(OutputFile.class))) {
            return fx.dir.resolve("out-" + a.paramLabel()).toString();
        }
        return "word";
    }

    /**
     * The real model each model-reading option gets (and gets truncated and corrupted), by command
     * prefix and option. A new command that reads a model adds its line here, with the model made in
     * {@link #models()}; without one, its option gets a small text file and no model cases.
     */
    private static Path modelFor(CommandSpec spec, String option) {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("shendu word2vec --vectors", word2vecModel);
        models.put("shendu word2vec --continue", word2vecModel);
        models.put("shendu word2vec IN", word2vecModel);
        models.put("shendu sentiment --model", sentimentModel);
        models.put("shendu cnn CHECKPOINT", cnnCheckpoint);
        for (Map.Entry<String, Path> e : models.entrySet()) {
            int cut = e.getKey().lastIndexOf(' ');
            if (spec.qualifiedName().startsWith(e.getKey().substring(0, cut))
                    && e.getKey().substring(cut + 1).equals(option)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The baseline with {@code a} set to {@code value} (replacing its baseline value, if any). */
    private List<String> with(List<String> base, CommandSpec spec, ArgSpec a, String value) {
        if (a instanceof OptionSpec o) {
            List<String> args = without(base, spec, a);
            args = args == null ? new ArrayList<>(base) : args;
            if (o.group() != null && o.group().exclusive()) {
                for (ArgSpec other : o.group().args()) {
                    List<String> fewer = other == a ? null : without(args, spec, other);
                    args = fewer == null ? args : fewer;
                }
            }
            args.add(o.longestName() + "=" + value);
            if (value.isEmpty()) {
                args.set(args.size() - 1, o.longestName());
                args.add("");
            }
            return args;
        }
        List<String> args = new ArrayList<>(base);
        int index = positionalIndex(base, spec, (PositionalParamSpec) a);
        args.set(index, value);
        return args;
    }

    /** The baseline without {@code a}, or null when it is not there. */
    private List<String> without(List<String> base, CommandSpec spec, ArgSpec a) {
        List<String> args = new ArrayList<>(base);
        if (a instanceof OptionSpec o) {
            int i = args.indexOf(o.longestName());
            if (i < 0) {
                return null;
            }
            args.remove(i);
            if (o.arity().min() > 0) {
                args.remove(i);
            }
            return args;
        }
        args.remove(positionalIndex(base, spec, (PositionalParamSpec) a));
        return args;
    }

    /** Positionals come last in a baseline, one value each (or their minimum arity). */
    private static int positionalIndex(List<String> base, CommandSpec spec, PositionalParamSpec p) {
        int count = 0;
        int mine = -1;
        for (PositionalParamSpec q : spec.positionalParameters()) {
            if (q == p) {
                mine = count;
            }
            count += Math.max(1, q.arity().min());
        }
        return base.size() - count + mine;
    }

    private static List<String> commandPath(CommandSpec spec) {
        List<String> path = new ArrayList<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            path.add(0, s.name());
        }
        return path;
    }

    private static boolean isSeed(ArgSpec a) {
        return a instanceof OptionSpec o && o.longestName().equals("--seed");
    }

    private static Class<?> elementType(ArgSpec a) {
        if (a.isMultiValue() && a.auxiliaryTypes().length > 0) {
            return a.auxiliaryTypes()[0];
        }
        return a.type();
    }

    private static Class<?> box(Class<?> t) {
        if (t == int.class) {
            return Integer.class;
        }
        if (t == long.class) {
            return Long.class;
        }
        if (t == double.class) {
            return Double.class;
        }
        if (t == float.class) {
            return Float.class;
        }
        return t;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static byte[] garbage() {
        byte[] b = new byte[4096];
        new java.util.Random(7).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ---------------------------------------------------------------- running in-process

    record Result(int exit, String out, String err) {}

    /**
     * One command line for all cases: building picocli's model of every command costs tens of
     * milliseconds, and picocli resets every option to its initial value before each parse.
     */
    private static CommandLine shared;

    static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (shared == null) {
            shared = ShenduCommand.commandLine();
        }
        CommandLine cli = shared;
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            int exit = cli.execute(args.toArray(String[]::new));
            return new Result(exit, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }

    /** Input files for one command's cases, and a snapshot of everything under its folder. */
    private static final class Fixtures {
        final Path dir;

        Fixtures(Path dir) {
            this.dir = dir;
        }

        Path file(String name, byte[] content) throws IOException {
            Path f = dir.resolve(name);
            if (!Files.exists(f)) {
                Files.write(f, content);
            }
            return f;
        }

        Path folder(String name) throws IOException {
            return Files.createDirectories(dir.resolve(name));
        }

        /** A copy of a model (a file, or a checkpoint folder) with its largest file cut in half or overwritten. */
        Path damaged(Path model, String how, boolean truncate) throws IOException {
            Path copy = dir.resolve(how + "-" + model.getFileName());
            if (Files.exists(copy)) {
                return copy;
            }
            if (Files.isDirectory(model)) {
                Files.createDirectories(copy);
                try (Stream<Path> files = Files.list(model)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, copy.resolve(f.getFileName()));
                    }
                }
            } else {
                Files.copy(model, copy);
            }
            Path victim = copy;
            if (Files.isDirectory(copy)) {
                try (Stream<Path> files = Files.list(copy)) {
                    victim = files.max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
                }
            }
            byte[] bytes = Files.readAllBytes(victim);
            if (truncate) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
            } else {
                // Overwrite a stretch well inside the weights with random bytes; the length stays the same.
                byte[] noise = garbage();
                int from = bytes.length * 3 / 5;
                System.arraycopy(noise, 0, bytes, from, Math.min(noise.length, bytes.length - from - 8));
            }
            Files.write(victim, bytes);
            return copy;
        }

        /** Size, modification time and identity of every file: a rewrite or an atomic replacement changes them. */
        Map<Path, String> snapshot() throws IOException {
            Map<Path, String> files = new TreeMap<>();
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    files.put(dir.relativize(p), a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey());
                }
            }
            return files;
        }
    }
}
