package org.shendu.gan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the two networks are trained: Adam (Kingma and Ba 2015) for each with its own learning rate
 * and the DCGAN betas, the batch size, the epochs, and the target for real images in D's loss (1;
 * 0.9 is one-sided label smoothing, Salimans et al. 2016) and the {@link GanLoss}. {@link #dcgan()} is the setting of
 * Radford et al. 2016 and of {@code anchors/WORKLOADS.md}: 2e-4 for both, betas (0.5, 0.999), batch 128.
 */
public record TrainingRecipe(int epochs, int batchSize, float lrG, float lrD, float beta1, float beta2, float realTarget, GanLoss loss) {

    public static TrainingRecipe dcgan() {
        return new TrainingRecipe(5, 128, 2e-4f, 2e-4f, 0.5f, 0.999f, 1f, GanLoss.BCE);
    }

    public TrainingRecipe withEpochs(int e) {
        return new TrainingRecipe(e, batchSize, lrG, lrD, beta1, beta2, realTarget, loss);
    }

    public TrainingRecipe withBatchSize(int b) {
        return new TrainingRecipe(epochs, b, lrG, lrD, beta1, beta2, realTarget, loss);
    }

    public TrainingRecipe withLearningRates(float g, float d) {
        return new TrainingRecipe(epochs, batchSize, g, d, beta1, beta2, realTarget, loss);
    }

    public TrainingRecipe withRealTarget(float t) {
        return new TrainingRecipe(epochs, batchSize, lrG, lrD, beta1, beta2, t, loss);
    }

    public TrainingRecipe withLoss(GanLoss l) {
        return new TrainingRecipe(epochs, batchSize, lrG, lrD, beta1, beta2, realTarget, l);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("lr_g", lrG);
        m.put("lr_d", lrD);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("real_target", realTarget);
        m.put("loss", loss.id());
        return m;
    }

    public static TrainingRecipe fromMap(Map<String, Object> m) {
        TrainingRecipe d = dcgan();
        return new TrainingRecipe(num(m, "epochs", d.epochs).intValue(), num(m, "batch_size", d.batchSize).intValue(),
                num(m, "lr_g", d.lrG).floatValue(), num(m, "lr_d", d.lrD).floatValue(), num(m, "beta1", d.beta1).floatValue(),
                num(m, "beta2", d.beta2).floatValue(), num(m, "real_target", d.realTarget).floatValue(),
                m.get("loss") instanceof String l ? GanLoss.named(l) : d.loss);
    }

    private static Number num(Map<String, Object> m, String key, Number fallback) {
        Object v = m.get(key);
        return v instanceof Number n ? n : fallback;
    }
}
