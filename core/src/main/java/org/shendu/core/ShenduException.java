package org.shendu.core;

import java.nio.file.Path;

/**
 * The one exception type library code throws for problems a person can act on: bad input, a
 * missing file, an unusable device. Its message is a single line, e.g.
 * {@code imdb/train.tsv.gz:1042: expected 4 tab-separated fields, found 3}, which the command line
 * prints as it is, without a stack trace.
 */
public class ShenduException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShenduException(String message) {
        super(message);
    }

    public ShenduException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a line of a file: {@code file:line: problem}. */
    public static ShenduException at(Path file, long line, String problem) {
        return new ShenduException(file + ":" + line + ": " + problem);
    }

    /** A problem with a whole file: {@code file: problem}. */
    public static ShenduException in(Path file, String problem) {
        return new ShenduException(file + ": " + problem);
    }
}
