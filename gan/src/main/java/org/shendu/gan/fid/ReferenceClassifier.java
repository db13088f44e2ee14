package org.shendu.gan.fid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.shendu.cnn.MnistCnn;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.io.Safetensors;

/**
 * The reference classifier of FID-MNIST and FID-Fashion ({@code anchors/quality/QUALITY.md} §3): the
 * {@link MnistCnn} network with the anchor's weights ({@code mnist_cnn_fid.safetensors} or
 * {@code fashion_cnn_fid.safetensors}, PyTorch names and layouts), always in evaluation mode. Its
 * FID features are the 1024 post-ReLU fc1 activations of images in [0, 1].
 */
public final class ReferenceClassifier implements AutoCloseable {
    public static final int FEATURES = 1024;
    private final MnistCnn net;
    private final Path weights;

    private ReferenceClassifier(MnistCnn net, Path weights) {
        this.net = net;
        this.weights = weights;
    }

    /** Loads a weights file onto {@code device}; every name and shape must match the network. */
    public static ReferenceClassifier load(Path weights, Device device) throws IOException {
        Map<String, Tensor> state = Safetensors.read(weights, device);
        MnistCnn net = Scope.detached(() -> new MnistCnn(device));
        try {
            net.loadStateDict(state, true);
        } catch (ShenduException | IllegalArgumentException e) {
            net.close();
            throw ShenduException.in(weights, "not the reference classifier's weights: " + e.getMessage());
        } finally {
            state.values().forEach(Tensor::close);
        }
        net.eval();
        return new ReferenceClassifier(net, weights);
    }

    public Path weights() {
        return weights;
    }

    /**
     * Runs a batch of images {@code [n, 1, 28, 28]} in [0, 1] and adds its features to {@code fit}
     * and its logits to {@code classes} (either may be null); returns the logits {@code [n, 10]}.
     */
    public float[] observe(Tensor images01, GaussianFit fit, ClassStatistics.Accumulator classes) {
        int n = images01.dim(0);
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            Tensor f = net.features(images01);
            if (fit != null) {
                fit.add(f.toFloatArray(), n);
            }
            float[] logits = net.logits(f).toFloatArray();
            if (classes != null) {
                classes.add(logits, n);
            }
            return logits;
        }
    }

    /** The logits {@code [n, 10]} of a batch of images in [0, 1]. */
    public float[] logits(Tensor images01) {
        try (GradMode off = GradMode.off(); Scope s = Scope.open()) {
            return net.forward(images01).toFloatArray();
        }
    }

    @Override
    public void close() {
        net.close();
    }
}
