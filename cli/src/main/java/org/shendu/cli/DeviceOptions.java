package org.shendu.cli;

import org.shendu.core.Device;
import picocli.CommandLine.Option;

/**
 * {@code --device} and {@code --precision}, mixed in only by commands that run tensors (the others
 * refuse the options in one line). The CUDA backend reads its math mode from the system property
 * {@code shendu.cuda.math} when it loads, so {@code --precision} sets that property just before
 * the device is opened.
 */
public final class DeviceOptions {
    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Where tensors live (default: ${DEFAULT-VALUE}).")
    @OneOf({"auto", "cpu", "cuda"})
    String device;

    @Option(names = "--precision", paramLabel = "fp32|tf32",
            description = "Math of the CUDA device: fp32 (strict, the default, as on the CPU) or tf32 "
                    + "(cuDNN may use TF32 tensor cores). Also -Dshendu.cuda.math or $SHENDU_CUDA_MATH.")
    @OneOf({"fp32", "tf32"})
    String precision;

    /** The device asked for, with {@code threads} CPU threads. */
    public Device open(int threads) {
        if (precision != null) {
            System.setProperty("shendu.cuda.math", precision);
        }
        return Device.of(device, threads);
    }

    public String name() {
        return device;
    }
}
