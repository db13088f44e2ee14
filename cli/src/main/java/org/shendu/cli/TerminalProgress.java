package org.shendu.cli;

import org.shendu.core.ConsoleProgress;
import org.shendu.core.Progress;

/**
 * The command line's progress: {@link ConsoleProgress} on standard error (a bar on a terminal,
 * plain periodic lines in a redirected log); nothing with {@code --json}.
 */
public final class TerminalProgress {
    private TerminalProgress() {}

    /** A factory for the command line: reports on stderr unless the output must stay machine-readable. */
    public static Progress.Factory factory(CommonOptions options) {
        return options.json() ? Progress.Factory.NONE : ConsoleProgress.stderr();
    }
}
