package org.shendu.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReduceLrOnPlateauTest {
    @Test
    void cutsAfterMoreThanPatienceBadEpochsAsPyTorch() {
        // torch.optim.lr_scheduler.ReduceLROnPlateau(opt, 'min', factor=0.5, patience=1, min_lr=0.01), lr 0.1,
        // stepped with these losses, gives these rates (PyTorch 1.13, run on this machine)
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(0.1f, "val_loss", Mode.MIN, 0.5f, 1, 0.01f);
        double[] losses = {1.0, 0.9, 0.95, 0.95, 0.8, 0.85, 0.81, 0.9, 0.9, 0.9, 0.9};
        float[] expected = {0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.025f, 0.025f, 0.0125f, 0.0125f, 0.01f};
        for (int e = 0; e < losses.length; e++) {
            p.epochEnd(EarlyStoppingTest.epoch(e + 1, "val_loss", losses[e]), r -> {});
            assertEquals(expected[e], p.rate(1000), 1e-9, "after epoch " + (e + 1));
        }
    }

    @Test
    void aGainBelowTheRelativeThresholdIsNoImprovement() {
        ReduceLrOnPlateau p = new ReduceLrOnPlateau(1f, "m", Mode.MAX, 0.1f, 0, 0f);
        p.observe(1.0);
        p.observe(1.00005); // less than 1e-4 relative: a bad epoch, patience 0 -> cut
        assertEquals(0.1f, p.rate(0), 1e-9);
        p.observe(1.1);
        assertEquals(0.1f, p.rate(0), 1e-9);
    }
}
