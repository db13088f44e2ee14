package org.shendu.gan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shendu.core.Device;
import org.shendu.data.DataDirectory;
import org.shendu.data.ImageSet;

/**
 * Our MnistCnn with the anchor's weights reproduces the PyTorch reference figures of
 * {@code anchors/quality/QUALITY.md} §3 (test accuracy, floor FID, mean fc1 activation, trace of the
 * test covariance, dead units). Needs $SHENDU_DATA (MNIST and Fashion-MNIST) and the weights files
 * (in $SHENDU_DATA/fid/ or ../anchors/quality/ beside it); about a minute per data set on 2 cores.
 */
class FidReferenceTest {

    @Test
    void mnistClassifierReproducesTheReference() throws Exception {
        check("mnist", 0.9905, 5.53419, 0.659745, 912.878, 268);
    }

    @Test
    void fashionClassifierReproducesTheReference() throws Exception {
        check("fashion-mnist", 0.8965, 0.564309, 0.384996, 390.641, 285);
    }

    private static void check(String dataset, double accuracy, double floor, double meanActivation, double traceCov, int dead)
            throws Exception {
        String env = System.getenv(DataDirectory.ENV);
        assumeTrue(env != null, "SHENDU_DATA is not set: skipping the reference classifier check for " + dataset);
        DataDirectory data = DataDirectory.resolve(null);
        assumeTrue(data.has(dataset), "no " + dataset + " in " + data.root());
        Path weights = FidWeights.candidates(data, dataset).stream().filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(weights != null, "no " + FidWeights.fileName(dataset) + " beside " + data.root());
        Device device = Device.cpu();
        ImageSet set = ImageSet.read(data.path(dataset));
        try (ReferenceClassifier classifier = ReferenceClassifier.load(weights, device)) {
            FidReference test = FidReference.of(classifier, set.testImages(), 0, device);
            // accuracy from the logits of the same pass
            int correct = 0;
            for (int from = 0; from < set.testImages().count(); from += 1000) {
                try (var s = org.shendu.core.Scope.open()) {
                    int[] idx = org.shendu.cnn.Images.range(from, from + 1000);
                    float[] logits = classifier.logits(org.shendu.cnn.Images.batch(device, set.testImages(), idx));
                    for (int i = 0; i < idx.length; i++) {
                        int best = 0;
                        for (int k = 1; k < 10; k++) {
                            if (logits[i * 10 + k] > logits[i * 10 + best]) {
                                best = k;
                            }
                        }
                        correct += best == set.testLabels()[idx[i]] ? 1 : 0;
                    }
                }
            }
            assertEquals(accuracy, correct / 10000.0, 1e-9, "test accuracy");
            double[] mu = test.fit().mean();
            double[] cov = test.fit().covariance();
            double mean = 0, trace = 0;
            int zeros = 0;
            for (int i = 0; i < mu.length; i++) {
                mean += mu[i];
                trace += cov[i * mu.length + i];
                zeros += mu[i] == 0 ? 1 : 0;
            }
            assertEquals(meanActivation, mean / mu.length, 5e-6, "mean fc1 activation");
            assertEquals(traceCov, trace, 5e-3, "trace of the test covariance");
            assertEquals(dead, zeros, "dead fc1 units");
            GaussianFit train = new GaussianFit(ReferenceClassifier.FEATURES);
            FidReference.observe(classifier, set.trainImages(), 10000, device, train, null);
            double fid = test.fid(train);
            System.out.printf("%s: accuracy %.4f, floor FID %.6f (reference %.6f)%n", dataset, correct / 10000.0, fid, floor);
            assertEquals(floor, fid, floor * 1e-4, "floor FID (test vs first 10,000 training images), 4 digits");
        }
    }
}
