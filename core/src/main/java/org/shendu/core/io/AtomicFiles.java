package org.shendu.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.shendu.core.ShenduException;

/**
 * Replaces files and folders so that a reader never sees half of one: the content goes to a hidden
 * temporary name in the same folder ({@code .model.bin.3f9c1a2b.tmp}), is flushed to the disk
 * ({@code fsync}), and is renamed over the target in one step; then the folder itself is flushed so
 * the rename survives a power cut. Files get the normal permissions of a new file (0644 under the
 * usual umask 022), not the 0600 of {@link Files#createTempFile}.
 *
 * <p>On an exception the temporary file is deleted; on an interruption (Ctrl-C, SIGTERM) a shutdown
 * hook deletes whatever is still being written, after waiting for a rename in progress to finish.
 * Only a hard kill (SIGKILL, power loss) can leave a {@code .tmp} behind, and never in place of the
 * target.
 *
 * <p>A folder of files (a checkpoint) is replaced by {@link #writeDirectory}: everything is written
 * into a hidden staging folder, then the old folder is renamed aside, the new one renamed in, and the
 * old one deleted. A crash between the two renames leaves the previous folder whole under a hidden
 * {@code .name.*.old} name, which {@link #recoverDirectory} (called by every reader of such folders,
 * and by the next write) renames back.
 */
public final class AtomicFiles {
    /** What writes a file's content. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** What fills a folder: writes plain files into {@code staging} (they are flushed afterwards). */
    @FunctionalInterface
    public interface DirectoryBody {
        void write(Path staging) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary files and folders being written, deleted by the shutdown hook. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    /** Held while renaming into place, so the shutdown hook never deletes half of a commit. */
    private static final Object COMMIT = new Object();
    private static volatile boolean hookInstalled;

    private AtomicFiles() {}

    /** Writes {@code file} through {@code body} and renames it into place. */
    public static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw ShenduException.in(file, "is a folder; give a file name to write to");
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = hiddenSibling(target, ".tmp");
        pending(tmp);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.write(new UnclosableStream(out));
                out.flush();
                ch.force(true);
            }
            synchronized (COMMIT) {
                move(tmp, target);
                PENDING.remove(tmp);
            }
            syncDirectory(dir);
        } finally {
            if (PENDING.remove(tmp)) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path file, CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code bytes}. */
    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces the folder {@code dir} (made when absent) by what {@code body} writes into a staging
     * folder: readers see either the whole previous folder or the whole new one. Everything that was
     * in {@code dir} is gone afterwards, so give it a folder of its own.
     */
    public static void writeDirectory(Path dir, DirectoryBody body) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw ShenduException.in(dir, "is a file; give a folder name to write to");
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw ShenduException.in(dir, "cannot replace the root folder; give a folder of its own");
        }
        Files.createDirectories(parent);
        recoverDirectory(target);
        Path staging = hiddenSibling(target, ".tmp");
        pending(staging);
        try {
            Files.createDirectory(staging);
            body.write(staging);
            syncTree(staging);
            swapIn(staging, target);
        } finally {
            if (PENDING.remove(staging)) {
                deleteTree(staging);
            }
        }
    }

    /**
     * Runs {@code body} with a hidden scratch folder beside {@code target} (on the same file system, so
     * what is made there can be put in place with {@link #moveInto}); the folder is deleted afterwards,
     * on an exception and on an interruption. For work that produces several files at once (unpacking
     * an archive).
     */
    public static void withScratchDirectory(Path target, DirectoryBody body) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        Path scratch = hiddenSibling(t, ".tmp");
        pending(scratch);
        try {
            Files.createDirectory(scratch);
            body.write(scratch);
        } finally {
            if (PENDING.remove(scratch)) {
                deleteTree(scratch);
            }
        }
    }

    /**
     * Puts a finished file or folder {@code source} (on the same file system) in place of
     * {@code target}: a file by one rename, a folder as {@link #writeDirectory} swaps one in.
     */
    public static void moveInto(Path source, Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Files.createDirectories(t.getParent());
        if (Files.isDirectory(source)) {
            if (Files.exists(t) && !Files.isDirectory(t)) {
                throw ShenduException.in(target, "is a file; a folder goes there");
            }
            recoverDirectory(t);
            syncTree(source);
            swapIn(source, t);
        } else {
            if (Files.isDirectory(t)) {
                throw ShenduException.in(target, "is a folder; a file goes there");
            }
            try (FileChannel ch = FileChannel.open(source, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            synchronized (COMMIT) {
                move(source, t);
            }
            syncDirectory(t.getParent());
        }
    }

    /** Renames the old folder aside, the new one in, then deletes the old one; under the commit lock. */
    private static void swapIn(Path staging, Path target) throws IOException {
        synchronized (COMMIT) {
            Path old = null;
            if (Files.exists(target)) {
                old = hiddenSibling(target, ".old");
                move(target, old);
            }
            move(staging, target);
            PENDING.remove(staging);
            syncDirectory(target.getParent());
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    /**
     * Finishes a folder replacement that a crash cut between its two renames: when {@code dir} is
     * missing and a previous version waits beside it under {@code .name.*.old}, renames it back.
     * Returns whether it did.
     */
    public static boolean recoverDirectory(Path dir) throws IOException {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        if (Files.exists(target) || parent == null || !Files.isDirectory(parent)) {
            return false;
        }
        String prefix = "." + target.getFileName() + ".";
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".old") && Files.isDirectory(p);
        })) {
            siblings.forEach(olds::add);
        }
        if (olds.isEmpty()) {
            return false;
        }
        olds.sort(Comparator.comparing(p -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }));
        move(olds.get(olds.size() - 1), target);
        return true;
    }

    private static Path hiddenSibling(Path target, String suffix) {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        return target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(r) + suffix);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so only an exotic file system lands here; a plain replace is the best it offers.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void pending(Path tmp) {
        if (!hookInstalled) {
            synchronized (PENDING) {
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deletePending, "shendu-atomic-files"));
                    hookInstalled = true;
                }
            }
        }
        PENDING.add(tmp);
    }

    private static void deletePending() {
        synchronized (COMMIT) {
            for (Path p : PENDING) {
                try {
                    deleteTree(p);
                } catch (IOException | RuntimeException e) {
                    // Exiting anyway: a leftover temporary file is all that can remain.
                }
            }
            PENDING.clear();
        }
    }

    /** Flushes every file below {@code root}, then the folders, so the rename publishes data on disk. */
    private static void syncTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else if (Files.isDirectory(p)) {
                    dirs.add(p);
                }
            }
        }
        for (Path d : dirs) {
            syncDirectory(d);
        }
    }

    /** fsync of a folder (Linux and macOS allow it; elsewhere it is skipped). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its rename is durable enough there.
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Keeps a body from closing the stream before it is flushed and synced. */
    private static final class UnclosableStream extends java.io.FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
