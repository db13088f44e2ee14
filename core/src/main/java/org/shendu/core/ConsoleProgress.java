package org.shendu.core;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link Progress} as text on a stream (the command line's standard error). On a terminal: one bar
 * redrawn in place with {@code \r} at most four times a second, with count, rate, ETA and status.
 * Anywhere else (a log file, a pipe, CI): a plain line every {@code interval}, and one at the end,
 * so a redirected log holds readable lines and no carriage-return garbage.
 */
public final class ConsoleProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final String task;
    private final long total;
    private final String unit;
    private final long start;
    private long done;
    private String status = "";
    private long lastDraw;
    private int drawnLength;
    private long drawnDone = -1;
    private boolean closed;

    ConsoleProgress(PrintStream out, boolean terminal, long intervalNanos, LongSupplier clock, String task, long total, String unit) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.start = clock.getAsLong();
        this.lastDraw = start;
        if (terminal) {
            draw();
        }
    }

    /** Progress on standard error: a bar when it is a terminal, a line every 10 seconds otherwise. */
    public static Progress.Factory stderr() {
        return factory(System.err, stderrIsTerminal(), 10_000);
    }

    /** Progress on {@code out}, drawn as a bar ({@code terminal}) or as a line every {@code intervalMillis}. */
    public static Progress.Factory factory(PrintStream out, boolean terminal, long intervalMillis) {
        return (task, total, unit) -> new ConsoleProgress(out, terminal, intervalMillis * 1_000_000L, System::nanoTime, task, total, unit);
    }

    static Progress.Factory factory(PrintStream out, boolean terminal, long intervalMillis, LongSupplier clock) {
        return (task, total, unit) -> new ConsoleProgress(out, terminal, intervalMillis * 1_000_000L, clock, task, total, unit);
    }

    /**
     * Whether standard error is a terminal. Java has no {@code isatty(2)}: on Linux the descriptor's
     * link in {@code /proc} names the device; elsewhere {@code System.console()} (which looks at
     * standard input and output) is the best guess. {@code TERM=dumb} is never a terminal.
     */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    @Override
    public synchronized void advance(long n) {
        done += n;
        long now = clock.getAsLong();
        if (now - lastDraw >= (terminal ? REDRAW_NANOS : intervalNanos)) {
            lastDraw = now;
            draw();
        }
    }

    @Override
    public synchronized void status(String text) {
        status = text == null ? "" : text;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (terminal || done != drawnDone) {
            draw(); // a log already holding the final count gets no repeated line
        }
        if (terminal) {
            out.print('\n');
        }
        out.flush();
    }

    private void draw() {
        drawnDone = done;
        String line = line(clock.getAsLong());
        if (terminal) {
            // Pad over the previous, longer line instead of relying on an ANSI erase.
            String padded = line.length() < drawnLength ? line + " ".repeat(drawnLength - line.length()) : line;
            drawnLength = line.length();
            out.print('\r' + padded);
        } else {
            out.print(line + "\n"); // not println: a log gets no "\r" on Windows either
        }
        out.flush();
    }

    String line(long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder sb = new StringBuilder(task).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            if (terminal) {
                int filled = (int) Math.round(f * WIDTH);
                sb.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            }
            sb.append(String.format(Locale.ROOT, "%3.0f%% %d/%d %s", 100 * f, done, total, unit));
        } else {
            sb.append(done).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, ", %s/s, %s", rate(rate), clock(seconds)));
        if (total > 0 && done < total && rate > 0) {
            sb.append(", ETA ").append(clock((total - done) / rate));
        }
        if (!status.isEmpty()) {
            sb.append(", ").append(status);
        }
        return sb.toString();
    }

    private static String rate(double r) {
        return r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
