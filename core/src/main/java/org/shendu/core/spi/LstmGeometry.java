package org.shendu.core.spi;

/**
 * The sizes of one LSTM layer in one direction over a sequence-major batch {@code [steps, batch,
 * inputSize]} with {@code hiddenSize} units. Gates are stacked in PyTorch's order (input, forget,
 * cell, output), so weights are {@code [4 hidden, input]} and {@code [4 hidden, hidden]}.
 */
public record LstmGeometry(int steps, int batch, int inputSize, int hiddenSize) {
}
