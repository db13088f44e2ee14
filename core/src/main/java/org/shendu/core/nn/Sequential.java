package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.shendu.core.Tensor;

/** Layers applied in order; parameters are named by position ({@code 0.weight}, {@code 3.bias}) as in PyTorch. */
public final class Sequential extends Module implements Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    public Sequential add(Layer layer) {
        if (layer instanceof Module m) {
            module(Integer.toString(layers.size()), m);
        }
        layers.add(layer);
        return this;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Layer l : layers) {
            x = l.forward(x);
        }
        return x;
    }
}
