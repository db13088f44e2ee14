package org.shendu.cli;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Checks every option and parameter of the commands about to run against its annotations
 * ({@link AtLeast}, {@link Positive}, {@link OneOf}, {@link InputFile}, {@link InputPath},
 * {@link FolderPath}, {@link OutputDir}, {@link OutputFile}) before any of them starts work, so that a bad value fails
 * in milliseconds with one line and exit 2 instead of after an epoch. Installed once, as the
 * execution strategy of the root command (see {@link ShenduCommand#commandLine()}).
 */
public final class Validation implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy next = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            check(p.commandSpec());
        }
        return next.execute(parseResult);
    }

    /** Checks every argument of one command; throws a {@link ParameterException} naming the first bad one. */
    static void check(CommandSpec spec) {
        for (ArgSpec arg : spec.args()) {
            AnnotatedElement element = element(arg);
            Object value = arg.getValue();
            if (element == null || value == null) {
                continue;
            }
            Collection<?> values = value instanceof Collection<?> c ? c
                    : value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()
                    ? Arrays.asList((Object[]) value) : List.of(value);
            for (Object v : values) {
                String problem = problem(element, v);
                if (problem != null) {
                    throw new ParameterException(spec.commandLine(), name(arg) + " " + problem);
                }
            }
        }
    }

    /** The annotated field or setter method behind an option, or null for one built in code. */
    static AnnotatedElement element(ArgSpec arg) {
        Object user = arg.userObject();
        return user instanceof AnnotatedElement e ? e : null;
    }

    /** How an error names the argument: the option's longest name, or a positional's label. */
    static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    private static String problem(AnnotatedElement e, Object v) {
        AtLeast atLeast = e.getAnnotation(AtLeast.class);
        if (atLeast != null && v instanceof Number n && !(n.doubleValue() >= atLeast.value())) {
            return "must be at least " + format(atLeast.value()) + ", got " + v;
        }
        if (e.isAnnotationPresent(Positive.class) && v instanceof Number n
                && !(n.doubleValue() > 0 && Double.isFinite(n.doubleValue()))) {
            return "must be a positive number, got " + v;
        }
        OneOf oneOf = e.getAnnotation(OneOf.class);
        if (oneOf != null && !Arrays.asList(oneOf.value()).contains(String.valueOf(v))
                && !Arrays.asList(oneOf.aliases()).contains(String.valueOf(v))) {
            if (!oneOf.orFile()) {
                return "must be one of " + String.join(", ", oneOf.value()) + ", got '" + v + "'";
            }
            Path file = Path.of(String.valueOf(v));
            if (!Files.exists(file)) {
                return "must be one of " + String.join(", ", oneOf.value()) + " or an existing file, got '" + v + "'";
            }
            return input(file, false);
        }
        if (v instanceof Path path) {
            if (e.isAnnotationPresent(InputFile.class)) {
                return input(path, false);
            }
            if (e.isAnnotationPresent(InputPath.class)) {
                return input(path, true);
            }
            if (e.isAnnotationPresent(FolderPath.class) && Files.exists(path) && !Files.isDirectory(path)) {
                return path + ": is a file, expected a folder";
            }
            if (e.isAnnotationPresent(OutputDir.class)) {
                return output(path, true);
            }
            if (e.isAnnotationPresent(OutputFile.class)) {
                return output(path, false);
            }
        }
        return null;
    }

    private static String input(Path path, boolean folderAllowed) {
        if (!Files.exists(path)) {
            return path + ": no such file";
        }
        if (Files.isDirectory(path)) {
            return folderAllowed ? (Files.isReadable(path) ? null : path + ": folder not readable")
                    : path + ": is a folder, expected a file";
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            return path + ": not a readable file";
        }
        try {
            if (Files.size(path) == 0) {
                return path + ": the file is empty";
            }
        } catch (java.io.IOException ex) {
            return path + ": cannot read the file's size (" + ex.getMessage() + ")";
        }
        return null;
    }

    private static String output(Path path, boolean folder) {
        if (Files.exists(path)) {
            if (folder && !Files.isDirectory(path)) {
                return path + ": is a file, expected a folder to write into";
            }
            if (!folder && Files.isDirectory(path)) {
                return path + ": is a folder, expected a file name to write";
            }
        }
        Path existing = path.toAbsolutePath().normalize();
        if (folder && Files.isDirectory(existing)) {
            return writable(existing) ? null : existing + ": folder is not writable";
        }
        existing = existing.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path + ": no existing parent folder";
        }
        if (!Files.isDirectory(existing)) {
            return path + ": cannot be created, " + existing + " is a file";
        }
        return writable(existing) ? null : path + ": cannot be created, " + existing + " is not writable";
    }

    private static boolean writable(Path folder) {
        try {
            return Files.isWritable(folder) && !Files.getFileStore(folder).isReadOnly();
        } catch (java.io.IOException ex) {
            return false;
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * Turns a problem found inside {@code call()} (a combination of options no annotation
     * expresses) into the same exit-2 usage error.
     */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
