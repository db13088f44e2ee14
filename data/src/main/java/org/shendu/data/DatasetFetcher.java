package org.shendu.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;

/**
 * Downloads a dataset from its canonical address into the data directory: each file goes to a
 * temporary name, its checksum is verified, and only then is it renamed (or unpacked) into place,
 * so an interrupted or corrupted download never leaves a half-written dataset behind.
 */
public final class DatasetFetcher {
    private final HttpClient http;
    private final Progress.Factory progress;

    public DatasetFetcher(Progress.Factory progress) {
        this(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build(), progress);
    }

    DatasetFetcher(HttpClient http, Progress.Factory progress) {
        this.http = http;
        this.progress = progress;
    }

    /** Downloads every file of {@code dataset} into its folder of {@code data}; returns the folder. */
    public Path fetch(Dataset dataset, DataDirectory data) {
        if (dataset.sources().isEmpty()) {
            throw new ShenduException(dataset.id() + " cannot be downloaded automatically (its source publishes no"
                    + " checksummed files); put " + dataset.expectedFiles() + " into " + dataset.folder(data) + " by hand");
        }
        Path dir = dataset.folder(data);
        for (RemoteFile file : dataset.sources()) {
            fetch(file, dir, dataset.expectedFiles());
        }
        return dir;
    }

    /** Downloads one file into {@code dir}, verifies it, and renames or unpacks it into place. */
    void fetch(RemoteFile file, Path dir, String byHand) {
        Path target = dir.resolve(file.fileName());
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw ShenduException.in(target.getParent(), "cannot create the folder: " + e.getMessage());
        }
        Path tmp = download(file, target, byHand);
        try {
            if (file.untar()) {
                untar(tmp, dir);
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw ShenduException.in(target, "cannot put the download in place: " + e.getMessage());
        }
    }

    private Path download(RemoteFile file, Path target, String byHand) {
        URI uri = file.uri();
        Path tmp;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + file.fileName().replace('/', '_'), ".part");
        } catch (IOException e) {
            throw ShenduException.in(target.getParent(), "cannot write: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).GET()
                    .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ShenduException(uri + ": HTTP " + response.statusCode() + "; download it by hand and put "
                        + file.fileName() + " into " + target.getParent());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = MessageDigest.getInstance(file.algorithm());
            try (InputStream in = response.body();
                    OutputStream out = Files.newOutputStream(tmp);
                    Progress bar = progress.start(file.fileName(), length, "B")) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    bar.advance(n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(file.digest())) {
                throw new ShenduException(uri + ": " + file.algorithm() + " mismatch (expected " + file.digest()
                        + ", got " + actual + "); the download was discarded");
            }
            return tmp;
        } catch (ShenduException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (UnknownHostException | ConnectException | HttpConnectTimeoutException e) {
            deleteQuietly(tmp);
            throw new ShenduException("cannot reach " + uri.getHost() + " (offline?); download " + uri
                    + " by hand and put it into " + target.getParent() + " (expected there: " + byHand + ")");
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ShenduException(uri + ": download failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); nothing was written");
        } catch (InterruptedException e) {
            deleteQuietly(tmp);
            Thread.currentThread().interrupt();
            throw new ShenduException(uri + ": download interrupted; nothing was written");
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(tmp);
            throw new IllegalStateException(e);
        }
    }

    /** Unpacks a .tar.gz into a temporary folder beside the target, then moves its top entries in. */
    private static void untar(Path archive, Path dir) throws IOException {
        Path staging = Files.createTempDirectory(dir, ".unpack");
        try {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw ShenduException.in(archive, "archive entry escapes the folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isFile()) {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> top = Files.list(staging)) {
                for (Path p : top.toList()) {
                    Path dest = dir.resolve(p.getFileName().toString());
                    if (Files.exists(dest)) {
                        deleteTree(dest);
                    }
                    Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover .part file is harmless and named as such
        }
    }

    /** The datasets that can be fetched automatically. */
    public static List<Dataset> fetchable() {
        return Stream.of(Dataset.values()).filter(d -> !d.sources().isEmpty()).toList();
    }
}
