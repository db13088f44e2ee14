#!/usr/bin/env bash
# Compiles the CUDA kernels as C++ for the CPU (host_shim.h) and runs them against naive references:
# a check of the kernels' logic on a machine without a GPU. Needs g++ >= 11 (C++20 std::barrier).
#   backend-cuda/src/test/cuda/run-emulated.sh [group...]     (groups: unary binary reduce topk gemm
#                                                              movement random conv adam; default all)
#   TSAN=1 backend-cuda/src/test/cuda/run-emulated.sh         (ThreadSanitizer: a missing
#       __syncthreads() shows as a data race between the block's threads; about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
SAN=()
if [ -n "${TSAN:-}" ]; then SAN=(-g -fsanitize=thread); fi
g++ -std=c++20 -O1 -pthread "${SAN[@]}" -x c++ emulate_kernels.cpp -o "$OUT/emulate_kernels"
"$OUT/emulate_kernels" "$@"
