package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed fatbin must be built from the committed sources: Maven does not run nvcc, so a
 * kernel edited without re-running build-kernels.sh would silently ship the old code.
 * build-kernels.sh records each source's SHA-256 in {@code kernels.sha256}; this test recomputes them.
 */
class KernelSourceDigestTest {

    @Test
    void fatbinIsBuiltFromTheCurrentSources() throws IOException, NoSuchAlgorithmException {
        Map<String, String> recorded = new TreeMap<>();
        try (InputStream in = Kernels.class.getResourceAsStream("kernels.sha256")) {
            assertNotNull(in, "kernels.sha256 missing: run backend-cuda/build-kernels.sh");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] f = line.trim().split("\\s+");
                    recorded.put(f[1], f[0]);
                }
            }
        }
        Map<String, String> actual = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(Path.of("src/main/cuda"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".cu") || f.toString().endsWith(".cuh")).toList()) {
                actual.put(p.getFileName().toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        assertEquals(recorded, actual, "the CUDA sources changed since kernels.fatbin was built: "
                + "run backend-cuda/build-kernels.sh and commit its outputs");
    }
}
