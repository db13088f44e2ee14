#!/usr/bin/env bash
# Compiles the CUDA kernels as C++ for the CPU (host_shim.h) and runs them against naive references:
# a check of the kernels' logic on a machine without a GPU. Needs g++ >= 11 (C++20 std::barrier).
#   backend-cuda/src/test/cuda/run-emulated.sh
set -euo pipefail
cd "$(dirname "$0")"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
g++ -std=c++20 -O1 -pthread -x c++ emulate_kernels.cpp -o "$OUT/emulate_kernels"
"$OUT/emulate_kernels"
