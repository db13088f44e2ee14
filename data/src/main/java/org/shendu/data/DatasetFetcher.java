package org.shendu.data;

import java.io.IOException;
import java.io.InputStream;
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
import org.shendu.core.io.AtomicFiles;

/**
 * Downloads a dataset from its canonical address into the data directory: each file goes to a
 * temporary name, its checksum is verified, and only then is it renamed (or unpacked) into place
 * ({@link AtomicFiles}),
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

    /**
     * Downloads one file into {@code dir} through {@link AtomicFiles} (a hidden temporary name,
     * renamed into place only once its checksum is right), and unpacks it when it is an archive.
     */
    void fetch(RemoteFile file, Path dir, String byHand) {
        Path target = dir.resolve(file.fileName());
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw ShenduException.in(target.getParent(), "cannot create the folder: " + e.getMessage());
        }
        download(file, target, byHand);
        if (file.untar()) {
            try {
                untar(target, dir);
                Files.delete(target);
            } catch (IOException e) {
                throw ShenduException.in(target, "cannot unpack the download: " + e.getMessage());
            }
        }
    }

    private void download(RemoteFile file, Path target, String byHand) {
        URI uri = file.uri();
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
            AtomicFiles.write(target, out -> {
                try (InputStream in = response.body(); Progress bar = progress.start(file.fileName(), length, "B")) {
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
            });
        } catch (ShenduException e) {
            throw e;
        } catch (UnknownHostException | ConnectException | HttpConnectTimeoutException e) {
            throw new ShenduException("cannot reach " + uri.getHost() + " (offline?); download " + uri
                    + " by hand and put it into " + target.getParent() + " (expected there: " + byHand + ")");
        } catch (IOException e) {
            throw new ShenduException(uri + ": download failed (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); nothing was written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShenduException(uri + ": download interrupted; nothing was written");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks a .tar.gz into a scratch folder beside the target, then puts each of its top entries in
     * place ({@link AtomicFiles#moveInto}: a folder is swapped in whole).
     */
    private static void untar(Path archive, Path dir) throws IOException {
        AtomicFiles.withScratchDirectory(archive, staging -> {
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
                    AtomicFiles.moveInto(p, dir.resolve(p.getFileName().toString()));
                }
            }
        });
    }

    /** The datasets that can be fetched automatically. */
    public static List<Dataset> fetchable() {
        return Stream.of(Dataset.values()).filter(d -> !d.sources().isEmpty()).toList();
    }
}
