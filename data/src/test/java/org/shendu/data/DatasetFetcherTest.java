package org.shendu.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;

/** Downloads against a server on the loopback address that the test starts itself. */
class DatasetFetcherTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final DatasetFetcher fetcher = new DatasetFetcher(Progress.Factory.NONE);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI serve(String path, byte[] body) {
        server.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void downloadsAndVerifies() throws Exception {
        byte[] body = "questions\n".getBytes(StandardCharsets.UTF_8);
        URI uri = serve("/q.txt", body);
        fetcher.fetch(new RemoteFile(uri, "zh/q.txt", "SHA-256", sha256(body), false), dir, "q.txt");
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("zh/q.txt")));
        assertEquals(0, leftovers(), "no temporary files remain");
    }

    @Test
    void checksumMismatchLeavesNothingAndKeepsTheOldFile() throws Exception {
        Files.writeString(dir.resolve("q.txt"), "old");
        URI uri = serve("/q.txt", "tampered".getBytes(StandardCharsets.UTF_8));
        ShenduException e = assertThrows(ShenduException.class, () ->
                fetcher.fetch(new RemoteFile(uri, "q.txt", "SHA-256", "00".repeat(32), false), dir, "q.txt"));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertEquals("old", Files.readString(dir.resolve("q.txt")));
        assertEquals(0, leftovers());
    }

    @Test
    void httpErrorIsOneLine() {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing");
        ShenduException e = assertThrows(ShenduException.class, () ->
                fetcher.fetch(new RemoteFile(uri, "m.txt", "SHA-256", "00", false), dir, "m.txt"));
        assertEquals(uri + ": HTTP 404; download it by hand and put m.txt into " + dir, e.getMessage());
    }

    @Test
    void unreachableServerSaysWhereToPutTheFiles() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/x.gz");
        ShenduException e = assertThrows(ShenduException.class, () ->
                fetcher.fetch(new RemoteFile(uri, "x.gz", "SHA-256", "00", false), dir, "x.gz and y.gz"));
        assertEquals("cannot reach 127.0.0.1 (offline?); download " + uri + " by hand and put it into " + dir
                + " (expected there: x.gz and y.gz)", e.getMessage());
        assertEquals(0, leftovers());
    }

    @Test
    void unpacksTarGz() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
            byte[] review = "Loved it.".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("aclImdb/train/pos/0_9.txt");
            entry.setSize(review.length);
            tar.putArchiveEntry(entry);
            tar.write(review);
            tar.closeArchiveEntry();
        }
        byte[] body = bytes.toByteArray();
        URI uri = serve("/aclImdb_v1.tar.gz", body);
        fetcher.fetch(new RemoteFile(uri, "aclImdb_v1.tar.gz", "SHA-256", sha256(body), true), dir, "aclImdb/");
        assertEquals("Loved it.", ImdbReader.readAll(dir.resolve("aclImdb/train")).get(0).text());
        assertFalse(Files.exists(dir.resolve("aclImdb_v1.tar.gz")));
        assertEquals(0, leftovers());
    }

    @Test
    void datasetsWithoutASourceExplainTheManualRoute() {
        ShenduException e = assertThrows(ShenduException.class, () ->
                fetcher.fetch(Dataset.POETRY, new DataDirectory(dir, "test")));
        assertTrue(e.getMessage().startsWith("poetry cannot be downloaded automatically"), e.getMessage());
    }

    private long leftovers() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part") || p.getFileName().toString().startsWith(".unpack")
                    || Files.isRegularFile(p)).filter(p -> !p.getFileName().toString().equals("q.txt")
                    && !p.toString().contains("aclImdb/")).count();
        }
    }
}
