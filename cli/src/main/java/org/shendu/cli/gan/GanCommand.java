package org.shendu.cli.gan;

import picocli.CommandLine.Command;

/** {@code shendu gan train|sample|interpolate|evaluate}: GANs and DCGANs on MNIST, Fashion-MNIST or a folder of pictures. */
@Command(name = "gan", mixinStandardHelpOptions = true,
        description = "GAN and DCGAN image generation: train, sample, interpolate, evaluate (FID with the reference classifier).",
        subcommands = {GanTrainCommand.class, GanSampleCommand.class, GanInterpolateCommand.class, GanEvaluateCommand.class,
            GanExportCommand.class})
public final class GanCommand {}
