package org.shendu.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.data.DataDirectory;
import org.shendu.gan.fid.ClassStatistics;
import org.shendu.gan.fid.FidWeights;
import org.shendu.gan.fid.ReferenceClassifier;

class ShippedGeneratorTest {
    private static final Device CPU = Device.cpu();

    /** The generator in the jar: under 2 MB, a dcgan_mnist that draws finite, varied images in [-1, 1]. */
    @Test
    void drawsImages() throws Exception {
        long bytes = 0;
        for (String f : new String[] {"checkpoint.json", "generator.safetensors"}) {
            try (InputStream in = ShippedGenerator.class.getClassLoader().getResourceAsStream(ShippedGenerator.RESOURCE + "/" + f)) {
                bytes += in.readAllBytes().length;
            }
        }
        assertTrue(bytes < 2_000_000, bytes + " bytes");
        try (Generator g = ShippedGenerator.load(CPU)) {
            assertEquals(new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 100, 0), g.spec());
            float[] x = Sampler.generate(g, LatentNoise.gaussian(1, 16, 100), 16, null);
            assertEquals(16 * 28 * 28, x.length);
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (float v : x) {
                assertTrue(Float.isFinite(v) && v >= -1 && v <= 1, String.valueOf(v));
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min > 1.5, "flat images: " + min + ".." + max);
            assertTrue(!Arrays.equals(Arrays.copyOf(x, 784), Arrays.copyOfRange(x, 784, 2 * 784)));
        }
    }

    /**
     * The reference classifier recognises the shipped generator's samples: its classifier score
     * ("Inception score" with that classifier) over 1,000 samples is far above the 1.0 of a generator
     * that draws one thing or nothing recognisable (the real test set scores 9.64; this generator
     * 6.22 over 10,000 samples, docs/gan.md), and every digit is drawn. Needs $SHENDU_DATA.
     */
    @Test
    void samplesAreRecognisedDigits() throws Exception {
        assumeTrue(System.getenv(DataDirectory.ENV) != null, "SHENDU_DATA is not set: skipping the shipped generator's digit check");
        DataDirectory data = DataDirectory.resolve(null);
        Path weights = FidWeights.candidates(data, "mnist").stream().filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(weights != null, "no mnist_cnn_fid.safetensors beside " + data.root());
        int n = 1000;
        try (Generator g = ShippedGenerator.load(CPU); ReferenceClassifier c = ReferenceClassifier.load(weights, CPU)) {
            float[] x = Sampler.generate(g, LatentNoise.gaussian(7, n, 100), n, null);
            for (int i = 0; i < x.length; i++) {
                x[i] = (x[i] + 1) / 2;
            }
            ClassStatistics.Accumulator acc = new ClassStatistics.Accumulator(10);
            try (Scope s = Scope.open()) {
                c.observe(CPU.tensor(x, n, 1, 28, 28), null, acc);
            }
            ClassStatistics stats = acc.result();
            System.out.printf("shipped generator, %d samples: classes %s, mean max-softmax %.4f, classifier score %.3f%n", n,
                    Arrays.toString(stats.histogram()), stats.meanMaxSoftmax(), stats.classifierScore());
            assertTrue(stats.classifierScore() > 4, "classifier score " + stats.classifierScore());
            assertTrue(stats.meanMaxSoftmax() > 0.75, "mean max-softmax " + stats.meanMaxSoftmax());
            assertTrue(Arrays.stream(stats.histogram()).allMatch(h -> h >= 10), Arrays.toString(stats.histogram()));
        }
    }
}
