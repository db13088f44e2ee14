package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CUDA kernels' logic without a GPU: {@code src/test/cuda/run-emulated.sh} compiles the very
 * {@code .cu} files as C++ for the CPU (one thread per CUDA thread, a barrier for
 * {@code __syncthreads}) and checks every kernel against naive references. Skipped, with the
 * reason, where no g++ 11 or newer is installed.
 */
class EmulatedKernelsTest {

    private static String run(long seconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() + "\n" + new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void kernelsMatchNaiveReferencesOnTheCpu() throws IOException, InterruptedException {
        String version;
        try {
            version = run(30, "g++", "-dumpversion");
        } catch (IOException e) {
            version = null;
        }
        assumeTrue(version != null && version.startsWith("0\n"), "no g++ here: the emulated kernel check is skipped");
        int major = Integer.parseInt(version.split("\n")[1].trim().split("\\.")[0]);
        assumeTrue(major >= 11, "g++ " + major + " lacks C++20 std::barrier: the emulated kernel check is skipped");
        String result = run(600, "bash", "src/test/cuda/run-emulated.sh");
        assertTrue(result != null, "run-emulated.sh timed out");
        String[] lines = result.split("\n", 2);
        String output = lines.length > 1 ? lines[1] : "";
        output.lines().filter(l -> l.contains("FAIL") || l.contains("error")).forEach(System.out::println);
        assertEquals("0", lines[0], "run-emulated.sh failed:\n" + output);
        assertTrue(output.contains("RESULT emulated-kernels PASS"), output);
    }
}
