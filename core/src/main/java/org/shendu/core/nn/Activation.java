package org.shendu.core.nn;

import org.shendu.core.Tensor;

/**
 * The elementwise and softmax activations as layers: ReLU {@code max(x, 0)} (Nair and Hinton
 * 2010), leaky ReLU {@code x > 0 ? x : a x} (Maas et al. 2013), sigmoid {@code 1 / (1 + e^-x)},
 * tanh, and softmax / log-softmax over the last axis.
 */
public final class Activation implements Layer {
    private final String name;
    private final java.util.function.UnaryOperator<Tensor> f;

    private Activation(String name, java.util.function.UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    public static Activation relu() {
        return new Activation("relu", Tensor::relu);
    }

    public static Activation leakyRelu(float slope) {
        return new Activation("leaky_relu", x -> x.leakyRelu(slope));
    }

    public static Activation sigmoid() {
        return new Activation("sigmoid", Tensor::sigmoid);
    }

    public static Activation tanh() {
        return new Activation("tanh", Tensor::tanh);
    }

    public static Activation softmax() {
        return new Activation("softmax", Tensor::softmax);
    }

    public static Activation logSoftmax() {
        return new Activation("log_softmax", Tensor::logSoftmax);
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
