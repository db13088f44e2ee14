package org.shendu.gan.fid;

import org.shendu.cnn.Images;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.data.IdxImages;

/**
 * The real side of an FID: the reference classifier's Gaussian fit and class statistics of a set of
 * real images (for FID-MNIST the 10,000 MNIST test images), pixels / 255 as the classifier was
 * trained on. {@link #fid} then measures any other set against it.
 */
public final class FidReference {
    static final int BATCH = 1000;
    private final ReferenceClassifier classifier;
    private final GaussianFit fit;
    private final ClassStatistics classes;

    private FidReference(ReferenceClassifier classifier, GaussianFit fit, ClassStatistics classes) {
        this.classifier = classifier;
        this.fit = fit;
        this.classes = classes;
    }

    /** Fits the first {@code limit} images of {@code real} (all when {@code limit <= 0}). */
    public static FidReference of(ReferenceClassifier classifier, IdxImages real, int limit, Device device) {
        GaussianFit fit = new GaussianFit(ReferenceClassifier.FEATURES);
        ClassStatistics.Accumulator classes = new ClassStatistics.Accumulator(10);
        observe(classifier, real, limit, device, fit, classes);
        return new FidReference(classifier, fit, classes.result());
    }

    /** Runs the first {@code limit} images of {@code images} through the classifier into {@code fit} and {@code classes}. */
    public static void observe(ReferenceClassifier classifier, IdxImages images, int limit, Device device, GaussianFit fit,
                               ClassStatistics.Accumulator classes) {
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        for (int from = 0; from < n; from += BATCH) {
            try (Scope s = Scope.open()) {
                classifier.observe(Images.batch(device, images, Images.range(from, Math.min(n, from + BATCH))), fit, classes);
            }
        }
    }

    public ReferenceClassifier classifier() {
        return classifier;
    }

    public GaussianFit fit() {
        return fit;
    }

    /** The class statistics of the real images (for comparison with a generator's). */
    public ClassStatistics classes() {
        return classes;
    }

    /** The Fréchet distance of {@code other} to these real images. */
    public double fid(GaussianFit other) {
        return FrechetDistance.between(other, fit);
    }
}
