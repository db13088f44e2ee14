package org.shendu.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.shendu.core.Progress;

/** Draws {@link Progress} as a bar with rate and ETA on standard error; silent with {@code --json}. */
public final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A factory for the command line: bars on stderr unless the output must stay machine-readable. */
    public static Progress.Factory factory(CommonOptions options) {
        if (options.json()) {
            return Progress.Factory.NONE;
        }
        return (task, total, unit) -> new TerminalProgress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(110)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build());
    }

    @Override
    public void advance(long n) {
        bar.stepBy(n);
    }

    @Override
    public void status(String text) {
        bar.setExtraMessage(text);
    }

    @Override
    public void close() {
        bar.close();
    }
}
