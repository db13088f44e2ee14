package org.shendu.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Scope;

/**
 * Times a {@link TrainingWorkload} as the anchor script does: warm-up steps untimed, then rounds of
 * steps between two wall-clock reads; throughput per round, the median reported. Prints the same
 * JSON fields as {@code anchors/pytorch/anchors.py} (with {@code java} in place of {@code torch}).
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    public static Map<String, Object> run(String name, Device device, int threads, int warmup, int rounds, int steps) {
        device.manualSeed(0);
        long wall0 = System.nanoTime();
        TrainingWorkload.Built w = TrainingWorkload.build(name, device);
        int i = 0;
        for (int k = 0; k < warmup; k++, i++) {
            try (Scope s = Scope.open()) {
                w.step().run(i);
            }
        }
        List<Double> rates = new ArrayList<>();
        float loss = Float.NaN;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < steps; k++, i++) {
                try (Scope s = Scope.open()) {
                    var l = w.step().run(i);
                    if (r == rounds - 1 && k == steps - 1) {
                        loss = l.item();
                    }
                }
            }
            // The last loss read above is the device synchronisation of the round (as ctx.sync()).
            double dt = (System.nanoTime() - t0) / 1e9;
            rates.add(w.unitsPerStep() * steps / dt);
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        double med = sorted.get(sorted.size() / 2);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("workload", name);
        rec.put("device", device.name());
        rec.put("mode", "fp32");
        rec.put("value", med);
        rec.put("unit", w.unit());
        rec.put("rounds", rates.stream().map(v -> Math.round(v * 100) / 100.0).toList());
        rec.put("step_ms", Math.round(w.unitsPerStep() / med * 1e7) / 1e4);
        rec.put("units_per_step", w.unitsPerStep());
        rec.put("loss", loss);
        rec.put("finite", Float.isFinite(loss));
        rec.put("params", w.params());
        rec.put("warmup", warmup);
        rec.put("steps_per_round", steps);
        rec.put("n_rounds", rounds);
        environment(rec, device, threads, wall0);
        return rec;
    }

    /** The fields every benchmark line ends with: wall time since {@code wall0}, Java, backend, threads, machine, date. */
    static void environment(Map<String, Object> rec, Device device, int threads, long wall0) {
        rec.put("wall_s", Math.round((System.nanoTime() - wall0) / 1e7) / 100.0);
        rec.put("java", System.getProperty("java.version"));
        rec.put("backend", device.backend().describe());
        rec.put("threads", threads);
        rec.put("device_name", System.getProperty("os.arch"));
        rec.put("cpu_count", Runtime.getRuntime().availableProcessors());
        rec.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
