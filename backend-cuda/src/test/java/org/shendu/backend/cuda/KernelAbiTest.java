package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.UnaryOp;

/**
 * The Java launch table ({@link Kernels}) against what nvcc compiled: {@code kernels.manifest} lists
 * each kernel of the fatbin with its parameter sizes, read from the PTX by build-kernels.sh. A launch
 * whose arguments disagree with its kernel would read garbage on the GPU; this catches it without one.
 */
class KernelAbiTest {

    static Map<String, List<Integer>> manifest() throws IOException {
        Map<String, List<Integer>> kernels = new LinkedHashMap<>();
        try (InputStream in = Kernels.class.getResourceAsStream(Kernels.MANIFEST)) {
            assertNotNull(in, Kernels.MANIFEST + " missing: run backend-cuda/build-kernels.sh");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                List<Integer> sizes = new ArrayList<>();
                for (int i = 1; i < f.length; i++) {
                    sizes.add(Integer.parseInt(f[i]));
                }
                kernels.put(f[0], sizes);
            }
        }
        return kernels;
    }

    @Test
    void everyDeclaredKernelIsCompiledWithTheSameParameters() throws IOException {
        Map<String, List<Integer>> compiled = manifest();
        assertTrue(compiled.size() > 10, "manifest lists " + compiled.size() + " kernels");
        for (Kernels.Kernel k : Kernels.declared()) {
            List<Integer> sizes = compiled.get(k.name());
            if (sizes == null) {
                fail("kernel " + k.name() + " is declared in Kernels but not in the fatbin (run build-kernels.sh?)");
            }
            List<Integer> declared = k.params().stream().map(p -> p.bytes).toList();
            assertEquals(sizes, declared, k.name() + ": parameter sizes in the PTX vs the Java declaration " + k.params());
        }
    }

    @Test
    void everyCompiledKernelIsDeclared() throws IOException {
        List<String> declared = Kernels.declared().stream().map(Kernels.Kernel::name).toList();
        for (String name : manifest().keySet()) {
            assertTrue(declared.contains(name), "kernel " + name + " is compiled but Kernels does not declare it");
        }
        assertEquals(declared.size(), declared.stream().distinct().count(), "a kernel is declared twice");
    }

    /** The kernels switch on the Java enums' ordinals: the #defines must follow the enum order. */
    @Test
    void opCodesMatchTheJavaEnums() throws IOException {
        String src = Files.readString(Path.of("src/main/cuda/elementwise.cu"));
        Map<String, Integer> defines = new LinkedHashMap<>();
        Matcher m = Pattern.compile("#define (UNARY|BINARY)_(\\w+) (\\d+)").matcher(src);
        while (m.find()) {
            defines.put(m.group(1) + "." + m.group(2), Integer.parseInt(m.group(3)));
        }
        for (UnaryOp op : UnaryOp.values()) {
            assertEquals(op.ordinal(), defines.get("UNARY." + op.name()), "UNARY_" + op.name() + " in elementwise.cu");
        }
        for (BinaryOp op : BinaryOp.values()) {
            assertEquals(op.ordinal(), defines.get("BINARY." + op.name()), "BINARY_" + op.name() + " in elementwise.cu");
        }
        assertEquals(UnaryOp.values().length + BinaryOp.values().length, defines.size(),
                "elementwise.cu defines op codes the enums do not have: " + defines.keySet());
    }

    @Test
    void theFatbinShipsAndIsAFatbin() {
        byte[] image = Kernels.fatbin();
        assertTrue(image.length > 10_000 && image.length < 1_000_000, image.length + " bytes");
        // The fatbin container's magic number 0xBA55ED50, little-endian.
        assertEquals(List.of(0x50, 0xED, 0x55, 0xBA),
                Arrays.asList(image[0] & 0xFF, image[1] & 0xFF, image[2] & 0xFF, image[3] & 0xFF));
    }
}
