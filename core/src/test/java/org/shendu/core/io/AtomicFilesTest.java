package org.shendu.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.ShenduException;

/** Replacing files and folders whole, with normal permissions and no leftovers. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesWithTheNormalPermissionsOfANewFile() throws Exception {
        Path file = dir.resolve("sub/report.md");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second ü");
        assertEquals("second ü", Files.readString(file, StandardCharsets.UTF_8));
        // What a plain new file gets under this umask (0644 under 022), not createTempFile's 0600.
        Path plain = dir.resolve("plain");
        Files.write(plain, new byte[0]);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(file));
        if (expected.contains(PosixFilePermission.OTHERS_READ)) {
            assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.GROUP_READ));
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of("report.md"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws Exception {
        Path file = dir.resolve("model.bin");
        AtomicFiles.writeBytes(file, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(List.of("model.bin"), names());
        assertEquals(3, Files.size(file));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, out -> {
            out.close();
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("model.bin"), names());
    }

    @Test
    void aFolderAsTargetIsRefusedInOneLineBeforeWriting() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("vectors.txt"));
        ShenduException e = assertThrows(ShenduException.class, () -> AtomicFiles.writeString(folder, "x"));
        assertEquals(folder + ": is a folder; give a file name to write to", e.getMessage());
        assertEquals(List.of("vectors.txt"), names());
    }

    @Test
    void aFolderIsReplacedWholeOrNotAtAll() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        AtomicFiles.writeDirectory(ckpt, staging -> {
            Files.writeString(staging.resolve("a"), "1");
            Files.writeString(staging.resolve("b"), "1");
        });
        AtomicFiles.writeDirectory(ckpt, staging -> Files.writeString(staging.resolve("a"), "2"));
        try (Stream<Path> s = Files.list(ckpt)) {
            assertEquals(List.of("a"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(ckpt, staging -> {
            Files.writeString(staging.resolve("a"), "3");
            throw new IOException("crash during save");
        }));
        assertEquals("2", Files.readString(ckpt.resolve("a")));
        assertEquals(List.of("ckpt"), names());
    }

    @Test
    void aSwapCutBetweenItsTwoRenamesIsRecovered() throws Exception {
        // What a crash after "rename the old folder aside" leaves: no ckpt, the previous one hidden.
        Path aside = Files.createDirectory(dir.resolve(".ckpt.0badf00d.old"));
        Files.writeString(aside.resolve("a"), "previous");
        Path ckpt = dir.resolve("ckpt");
        assertTrue(AtomicFiles.recoverDirectory(ckpt));
        assertEquals("previous", Files.readString(ckpt.resolve("a")));
        assertFalse(AtomicFiles.recoverDirectory(ckpt));
        assertEquals(List.of("ckpt"), names());
    }

    @Test
    void whatIsMadeInAScratchFolderIsMovedInWhole() throws Exception {
        Path data = dir.resolve("aclImdb");
        AtomicFiles.writeDirectory(data, staging -> Files.writeString(staging.resolve("old"), "old"));
        AtomicFiles.withScratchDirectory(dir.resolve("archive.tar.gz"), scratch -> {
            Files.createDirectories(scratch.resolve("aclImdb/train"));
            Files.writeString(scratch.resolve("aclImdb/train/1.txt"), "new");
            Files.writeString(scratch.resolve("README"), "read me");
            AtomicFiles.moveInto(scratch.resolve("aclImdb"), data);
            AtomicFiles.moveInto(scratch.resolve("README"), dir.resolve("README"));
        });
        assertEquals("new", Files.readString(data.resolve("train/1.txt")));
        assertFalse(Files.exists(data.resolve("old")));
        assertEquals(List.of("README", "aclImdb"), names());
        assertThrows(IOException.class, () -> AtomicFiles.withScratchDirectory(dir.resolve("x"), scratch -> {
            Files.writeString(scratch.resolve("half"), "h");
            throw new IOException("unpacking failed");
        }));
        assertEquals(List.of("README", "aclImdb"), names());
    }

    /** Run by {@link #anInterruptedWriteLeavesNothingBehind} in a child JVM: starts a write that never ends. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        AtomicFiles.write(file, out -> {
            out.write(new byte[4096]);
            out.flush();
            Files.writeString(file.resolveSibling("started"), "yes");
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void anInterruptedWriteLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("vectors.bin");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AtomicFilesTest.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        Path started = dir.resolve("started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(started) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(started), "the child never started writing");
        assertTrue(names().stream().anyMatch(n -> n.startsWith(".vectors.bin.") && n.endsWith(".tmp")), names().toString());
        child.destroy(); // SIGTERM, as Ctrl-C or a job scheduler sends
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("started"), names());
    }
}
