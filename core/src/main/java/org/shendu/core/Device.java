package org.shendu.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tensors live and ops run: a loaded {@link Backend}. {@code Device.of("auto")} takes the
 * best backend that loads and logs why it skipped the others; {@code Device.of("cuda")} that
 * cannot load fails with a one-line {@link ShenduException}. Devices are shared singletons.
 */
public final class Device {
    private static final Logger LOG = LoggerFactory.getLogger(Device.class);
    private static final Map<String, Device> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final Backend backend;
    private final AtomicLong seeds = new AtomicLong(0x5DEECE66DL);

    private Device(String name, Backend backend) {
        this.name = name;
        this.backend = backend;
    }

    /** The CPU device. */
    public static Device cpu() {
        return of("cpu");
    }

    /** {@code auto}, {@code cpu} or {@code cuda} (or any other provider's name). */
    public static Device of(String name) {
        return of(name, 0);
    }

    /**
     * As {@link #of(String)}, with the backend's worker threads set (when {@code threads > 0})
     * before the device is described in the log, so the line names the threads that will run.
     */
    public static synchronized Device of(String name, int threads) {
        String wanted = name == null ? "auto" : name.trim().toLowerCase(java.util.Locale.ROOT);
        Device known = LOADED.get(wanted);
        if (known != null) {
            return threads > 0 ? known.threads(threads) : known;
        }
        List<BackendProvider> providers = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Device.class.getClassLoader()).forEach(providers::add);
        providers.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        if (wanted.equals("auto")) {
            for (BackendProvider p : providers) {
                try {
                    Device d = load(p, threads);
                    LOG.info("device auto: using {} ({})", d.name, d.backend.describe());
                    LOADED.put("auto", d);
                    return d;
                } catch (Exception | LinkageError e) {
                    LOG.info("device auto: skipping {}: {}", p.name(), reason(e));
                }
            }
            throw new ShenduException("no backend could be loaded (is shendu-backend-cpu on the class path?)");
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(wanted)) {
                try {
                    Device d = load(p, threads);
                    LOG.info("device {}: {}", d.name, d.backend.describe());
                    return d;
                } catch (Exception | LinkageError e) {
                    throw new ShenduException("device " + wanted + " cannot be used: " + reason(e));
                }
            }
        }
        List<String> names = providers.stream().map(BackendProvider::name).toList();
        throw new ShenduException("device '" + wanted + "' is not available: no backend of that name on the class path"
                + " (available: auto, " + String.join(", ", names) + ")");
    }

    private static Device load(BackendProvider p, int threads) throws Exception {
        Device d = LOADED.get(p.name());
        if (d == null) {
            d = new Device(p.name(), p.load());
            LOADED.put(p.name(), d);
        }
        return threads > 0 ? d.threads(threads) : d;
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    public String name() {
        return name;
    }

    /** The backend; for layers and optimizers that call fused ops. */
    public Backend backend() {
        return backend;
    }

    /** Sets the worker threads of this device's backend. */
    public Device threads(int threads) {
        backend.setThreads(threads);
        return this;
    }

    /** Restarts the seed sequence that random ops (dropout, init) draw from. */
    public void manualSeed(long seed) {
        seeds.set(seed);
    }

    /**
     * The state of the seed sequence: {@code manualSeed(rngState())} later makes the same draws
     * again, which is how a checkpoint resumes dropout and noise bit for bit.
     */
    public long rngState() {
        return seeds.get();
    }

    /** The next seed for a random op: a reproducible sequence after {@link #manualSeed}. */
    public long nextSeed() {
        long z = seeds.addAndGet(0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- tensor factories --------------------------------------------------------------------

    public Tensor tensor(float[] data, int... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + s);
        }
        return new Tensor(this, s, DType.FLOAT32, backend.upload(data));
    }

    /** An int32 tensor (token ids, labels). */
    public Tensor ints(int[] data, int... shape) {
        Shape s = Shape.of(shape);
        if (s.size() != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + s);
        }
        return new Tensor(this, s, DType.INT32, backend.upload(data));
    }

    public Tensor scalar(float value) {
        return tensor(new float[] {value});
    }

    public Tensor zeros(int... shape) {
        Shape s = Shape.of(shape);
        return new Tensor(this, s, DType.FLOAT32, backend.allocate(DType.FLOAT32, s.size()));
    }

    public Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        backend.fill(t.storage(), value);
        return t;
    }

    /** Uniform in [lo, hi), drawing its seed from {@link #nextSeed()}. */
    public Tensor uniform(float lo, float hi, int... shape) {
        Tensor t = zeros(shape);
        backend.randomUniform(t.storage(), nextSeed(), lo, hi);
        return t;
    }

    /** Normal N(mean, std^2), drawing its seed from {@link #nextSeed()}. */
    public Tensor normal(float mean, float std, int... shape) {
        Tensor t = zeros(shape);
        backend.randomNormal(t.storage(), nextSeed(), mean, std);
        return t;
    }

    @Override
    public String toString() {
        return name;
    }
}
