// The cost of Ops.where against plain element-wise ops on a [64, 300, 128] tensor (the default LSTM
// preset's pooling input): java --add-modules jdk.incubator.vector -cp cli/target/shendu.jar bench/scripts/WhereCost.java
import org.shendu.core.*;
import java.util.*;

public class WhereCost {
    interface Op { Tensor run(Tensor x, Tensor m); }
    public static void main(String[] a) {
        Device d = Device.of("cpu", 2);
        int B = 64, T = 300, C = 128;
        Random r = new Random(1);
        float[] v = new float[B * T * C];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        float[] m = new float[B * T];
        for (int i = 0; i < m.length; i++) m[i] = (i % T) < 280 ? 1 : 0;
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("where", (x, mk) -> Tensor.where(mk, x, d.zeros(1)));
        ops.put("sum axis1", (x, mk) -> x.sum(false, 1));
        ops.put("max axis1", (x, mk) -> x.max(1));
        ops.put("x*x", (x, mk) -> x.mul(x));
        ops.put("mul mask", (x, mk) -> x.mul(mk));
        for (int rep = 0; rep < 2; rep++) {
            for (var e : ops.entrySet()) {
                long t = 0;
                for (int it = 0; it < 20; it++) {
                    try (Scope s = Scope.open()) {
                        Tensor x = d.tensor(v, B, T, C), mk = d.tensor(m, B, T, 1);
                        long t0 = System.nanoTime();
                        Tensor y = e.getValue().run(x, mk);
                        y.toFloatArray();
                        t += System.nanoTime() - t0;
                    }
                }
                System.out.printf("%s %.2f ms%n", e.getKey(), t / 20e6);
            }
        }
    }
}
