package org.shendu.gan;

import java.util.Arrays;
import java.util.Locale;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.BceWithLogitsLoss;

/**
 * The adversarial loss on D's logits {@code l}, as three means over the batch: D's loss on real
 * images, D's loss on generated ones, and G's loss.
 * <ul>
 *   <li>{@link #BCE}: the non-saturating loss of Goodfellow et al. 2014, as DCGAN trains:
 *   {@code BCE(l_real, t)}, {@code BCE(l_fake, 0)}, {@code BCE(l_fake, 1)}, with t the real target
 *   (1, or 0.9 for one-sided label smoothing);</li>
 *   <li>{@link #HINGE}: the hinge loss of Lim and Ye 2017 ("Geometric GAN") and Miyato et al. 2018:
 *   {@code mean(relu(1 - l_real))}, {@code mean(relu(1 + l_fake))}, {@code -mean(l_fake)}.</li>
 * </ul>
 */
public enum GanLoss {
    BCE("bce"),
    HINGE("hinge");

    private final String id;

    GanLoss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** D's loss on the logits of real images; {@code realTarget} is BCE's target (hinge ignores it). */
    public Tensor real(Tensor logits, float realTarget) {
        return this == BCE ? BceWithLogitsLoss.mean(logits, realTarget) : logits.neg().add(1f).relu().mean();
    }

    /** D's loss on the logits of generated images. */
    public Tensor fake(Tensor logits) {
        return this == BCE ? BceWithLogitsLoss.mean(logits, 0f) : logits.add(1f).relu().mean();
    }

    /** G's loss on D's logits of its images. */
    public Tensor generator(Tensor logits) {
        return this == BCE ? BceWithLogitsLoss.mean(logits, 1f) : logits.mean().neg();
    }

    public static GanLoss named(String name) {
        for (GanLoss l : values()) {
            if (l.id.equals(name.toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new ShenduException("unknown GAN loss '" + name + "' (" + String.join(", ", Arrays.stream(values()).map(GanLoss::id).toList())
                + ")");
    }
}
