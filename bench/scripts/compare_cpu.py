#!/usr/bin/env python3
"""Interleaved CPU comparison of shendu's training workloads with the PyTorch anchors.

For each thread count and workload it runs, in turn, `shendu bench W --device cpu --threads T` (with
the vector API, as the launcher bin/shendu starts Java)
and `anchors.py W --device cpu --threads T` (Java, PyTorch, Java, PyTorch, ... `--pairs` times),
records the load average and a vmstat sample beside every run, appends every raw JSON line to
a JSONL file, and prints a Markdown table of ratio = java / pytorch (median over the pairs).

--pin-blas runs PyTorch with OPENBLAS_NUM_THREADS=T (and OMP_NUM_THREADS=T): Debian's PyTorch calls
its system OpenBLAS, whose own pthreads ignore torch.set_num_threads, so without it PyTorch's matrix
products use every core even at --threads 1 (pip's MKL build binds them; ours binds its OpenBLAS).

  python3 bench/scripts/compare_cpu.py --jar cli/target/shendu.jar \
      --anchors ../shared/anchors/pytorch/anchors.py --threads 1 2 --pairs 2 --out bench-cpu.jsonl
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

WORKLOADS = ["cnn_mnist", "lstm_sentiment", "char_lstm_poetry", "dcgan_mnist", "dcgan64"]


def vmstat():
    try:
        out = subprocess.run(["vmstat", "1", "2"], capture_output=True, text=True, timeout=10).stdout.strip().splitlines()
        return out[-1].split()
    except Exception:  # vmstat missing: the load average still goes in
        return None


def run(cmd, env=None):
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        return {"error": (p.stderr or p.stdout).strip().splitlines()[-1:] , "cmd": " ".join(cmd), "wall": time.time() - t0}
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="cli/target/shendu.jar")
    ap.add_argument("--anchors", default="../shared/anchors/pytorch/anchors.py")
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pairs", type=int, default=2)
    ap.add_argument("--workloads", nargs="+", default=WORKLOADS)
    ap.add_argument("--out", default="bench-cpu.jsonl")
    ap.add_argument("--pin-blas", action="store_true", help="PyTorch's OpenBLAS on --threads threads too")
    args = ap.parse_args()
    ratios = {}
    with open(args.out, "a") as out:
        for threads in args.threads:
            for w in args.workloads:
                for pair in range(args.pairs):
                    recs = {}
                    for impl, cmd in (
                            ("shendu", ["java", "--add-modules", "jdk.incubator.vector", "-Xmx6g", "-jar", args.jar, "bench", w,
                                        "--device", "cpu", "--threads", str(threads)]),
                            ("pytorch", [args.python, args.anchors, w, "--device", "cpu", "--threads", str(threads)])):
                        env = None
                        if impl == "pytorch" and args.pin_blas:
                            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
                        load_before = os.getloadavg()[0]
                        rec = run(cmd, env)
                        rec.update(impl=impl, pair=pair, pinned_blas=bool(env), load_before=load_before, load_after=os.getloadavg()[0], vmstat=vmstat())
                        out.write(json.dumps(rec) + "\n")
                        out.flush()
                        recs[impl] = rec
                        print(json.dumps(rec), file=sys.stderr, flush=True)
                    if "value" in recs["shendu"] and "value" in recs["pytorch"]:
                        ratios.setdefault((w, threads), []).append(
                            (recs["shendu"]["value"] / recs["pytorch"]["value"], recs["shendu"]["value"], recs["pytorch"]["value"]))
    print("| workload | threads | shendu (median) | PyTorch (median) | ratio per pair | median ratio |")
    print("|---|---:|---:|---:|---|---:|")
    for (w, t), rs in ratios.items():
        print(f"| {w} | {t} | {statistics.median(r[1] for r in rs):.1f} | {statistics.median(r[2] for r in rs):.1f} | "
              f"{', '.join(f'{r[0]:.2f}' for r in rs)} | **{statistics.median(r[0] for r in rs):.2f}** |")


if __name__ == "__main__":
    main()
