package org.shendu.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;

/**
 * The anchors' {@code gemm} workload (anchors/WORKLOADS.md): {@code C = A B} for {@code n x n}
 * matrices of N(0, 1) values through the tensor core's matrix product, three input pairs in
 * rotation, 3 untimed products, then rounds of {@code reps} products; the median round's TFLOP/s
 * ({@code 2 n^3} per product) and the relative error of the first 1,024 rows against a float64
 * product. On the CPU it is the machine's matrix-product rate that the training workloads' achieved
 * rates are measured against ("distance to the machine", docs/BENCHMARKS.md).
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    public static Map<String, Object> run(Device device, int threads, int n, int rounds, int reps) {
        device.manualSeed(0);
        long wall0 = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        double rel;
        try (Scope s = Scope.open()) {
            Tensor[][] ab = new Tensor[3][];
            for (int k = 0; k < 3; k++) {
                ab[k] = new Tensor[] {device.normal(0f, 1f, n, n), device.normal(0f, 1f, n, n)};
            }
            rel = relativeError(ab[0][0], ab[0][1], Math.min(n, 1024));
            for (int k = 0; k < 3; k++) {
                try (Scope p = Scope.open()) {
                    ab[k % 3][0].matmul(ab[k % 3][1]).narrow(0, 0, 1).narrow(1, 0, 1).item();
                }
            }
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    try (Scope p = Scope.open()) {
                        // Reading one element waits for the product, as the anchor's device synchronisation.
                        ab[k % 3][0].matmul(ab[k % 3][1]).narrow(0, 0, 1).narrow(1, 0, 1).item();
                    }
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                rates.add(2.0 * n * n * (double) n * reps / dt / 1e12);
            }
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        double med = sorted.get(sorted.size() / 2);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("workload", "gemm");
        rec.put("device", device.name());
        rec.put("mode", "fp32");
        rec.put("value", med);
        rec.put("unit", "TFLOP/s");
        rec.put("rounds", rates.stream().map(v -> Math.round(v * 1e4) / 1e4).toList());
        rec.put("n", n);
        rec.put("ms_per_matmul", Math.round(2.0 * n * n * (double) n / med / 1e5) / 1e4);
        rec.put("rel_err_vs_fp64", rel);
        rec.put("finite", Double.isFinite(rel));
        rec.put("warmup", 3);
        rec.put("steps_per_round", reps);
        rec.put("n_rounds", rounds);
        TrainingBenchmark.environment(rec, device, threads, wall0);
        return rec;
    }

    /** ||C - ref|| / ||ref|| over the first {@code m} rows, ref computed in float64 on the host. */
    private static double relativeError(Tensor a, Tensor b, int m) {
        int n = b.dim(0), cols = b.dim(1);
        float[] x = a.toFloatArray(), y = b.toFloatArray(), c = a.matmul(b).toFloatArray();
        double diff = 0, norm = 0;
        double[] row = new double[cols];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0);
            for (int p = 0; p < n; p++) {
                double av = x[i * n + p];
                int bp = p * cols;
                for (int j = 0; j < cols; j++) {
                    row[j] += av * y[bp + j];
                }
            }
            for (int j = 0; j < cols; j++) {
                double d = c[i * cols + j] - row[j];
                diff += d * d;
                norm += row[j] * row[j];
            }
        }
        return Math.sqrt(diff / norm);
    }
}
