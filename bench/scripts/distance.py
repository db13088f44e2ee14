#!/usr/bin/env python3
"""The "distance to the machine" table (issue 14): for cnn_mnist and char_lstm_poetry, the matrix-product
FLOPs of one training step (forward + backward; a multiply-add counts 2) divided by the step time
gives the rate each side reaches; beside it the machine's matrix-product rate (the gemm workload,
n = 2048) measured by each side on the same thread count, in the same job.

  python3 bench/scripts/compare_cpu.py --workloads gemm cnn_mnist char_lstm_poetry --threads 1 2 --out run.jsonl
  python3 bench/scripts/distance.py run.jsonl
"""
import json
import statistics
import sys


def conv(batch, out_hw, out_c, k_elems):
    return 2.0 * batch * out_hw * out_c * k_elems


def linear(rows, n_in, n_out):
    return 2.0 * rows * n_in * n_out


def cnn_mnist():
    b = 128
    conv1 = conv(b, 28 * 28, 32, 1 * 5 * 5) * 2       # forward + weight gradient (the images need no gradient)
    conv2 = conv(b, 14 * 14, 64, 32 * 5 * 5) * 3       # forward, input gradient, weight gradient
    fc1 = linear(b, 3136, 1024) * 3
    fc2 = linear(b, 1024, 10) * 3
    return conv1 + conv2 + fc1 + fc2


def char_lstm_poetry():
    tokens, e, h, v = 64 * 64, 128, 256, 6000
    layer1 = linear(tokens, e, 4 * h) + linear(tokens, h, 4 * h)
    layer2 = linear(tokens, h, 4 * h) + linear(tokens, h, 4 * h)
    out = linear(tokens, h, v)
    return 3 * (layer1 + layer2 + out)  # the embedding takes layer 1's input gradient, so all three products


FLOPS = {"cnn_mnist": cnn_mnist(), "char_lstm_poetry": char_lstm_poetry()}


def main(path):
    step_ms, gemm = {}, {}
    for line in open(path):
        r = json.loads(line)
        if "value" not in r:
            continue
        key = (r["impl"], r["threads"])
        if r["workload"] == "gemm":
            gemm.setdefault(key, []).append(r["value"] * 1e3)  # GFLOP/s
        elif r["workload"] in FLOPS:
            step_ms.setdefault((r["workload"],) + key, []).append(r["step_ms"])
    print("| workload | GFLOP per step | threads | side | step (ms) | reached (GFLOP/s) | gemm n=2048 (GFLOP/s) | share of the machine |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for (w, impl, t), ms in sorted(step_ms.items()):
        m = statistics.median(ms)
        reached = FLOPS[w] / (m / 1e3) / 1e9
        g = statistics.median(gemm[(impl, t)]) if (impl, t) in gemm else float("nan")
        print(f"| {w} | {FLOPS[w] / 1e9:.2f} | {t} | {impl} | {m:.1f} | {reached:.1f} | {g:.1f} | {reached / g:.0%} |")


if __name__ == "__main__":
    main(sys.argv[1])
