#!/usr/bin/env bash
# Prepares a GPU run, on a machine with JDK 17 and Maven (not the GPU machine, which has no Java):
#   backend-cuda/gpu/prepare.sh
# builds the modules, then .gpu/ (a jlink'd Java runtime and every jar the GPU tests and the
# `shendu bench` workloads need, via shared/tools/gpu/make-carry.sh) and .anchors/pytorch (the
# PyTorch anchor script), both ignored by git, and checks that the carried runtime starts. Then,
# with a device call: carry [".gpu", ".anchors"], command "bash backend-cuda/gpu/run-on-device.sh" (smoke and
# tests; micro and bench in later calls, see docs/cuda.md).
# SHARED (default ../shared) is where shared/tools and shared/anchors live.
set -euo pipefail
TOP=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$TOP"
SHARED=${SHARED:-../shared}
[ -x "$SHARED/tools/gpu/make-carry.sh" ] || { echo "prepare: $SHARED/tools/gpu/make-carry.sh not found (set SHARED)" >&2; exit 1; }

echo "prepare: building (mvn package, tests skipped) and writing classpaths"
mvn -B -q -pl cli,backend-cuda -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/carry-cp.txt -Dmdep.includeScope=test

# cli's runtime (for `shendu bench ... --device cuda`) and backend-cuda's test classpath (core's
# test-jar, the CPU backend, JUnit's launcher).
# Lucene (9.5 MB, word segmentation for the data commands) stays behind: the GPU runs never load
# it, and without it everything fits in the 64 MiB a device call carries.
CP=$(mktemp)
{ tr ':' '\n' < cli/target/carry-cp.txt; echo; tr ':' '\n' < backend-cuda/target/carry-cp.txt; echo; } \
  | grep -v -E '^$|/lucene-' | sort -u > "$CP"
# backend-cuda's own jar comes with cli's classpath; its test classes and cli's classes are added.
"$SHARED/tools/gpu/make-carry.sh" --drop-natives 'libJNvrtc|libJNvPTXCompiler' --cp "$CP" \
  cli/target/classes backend-cuda/target/test-classes
rm -f "$CP"

# .anchors/ is in .gitignore.
mkdir -p .anchors
rm -rf .anchors/pytorch
cp -r "$SHARED/anchors/pytorch" .anchors/

echo "prepare: sizes (everything that travels must stay under 64 MiB)"
du -sh .gpu .anchors
TREE=$(git ls-files -z | du -cb --files0-from=- | tail -1 | cut -f1)
TOTAL=$(( $(du -sb .gpu | cut -f1) + $(du -sb .anchors | cut -f1) + TREE ))
echo "prepare: .gpu + .anchors + working tree = $(( TOTAL / 1048576 )) MiB"
[ "$TOTAL" -lt $(( 62 * 1048576 )) ] || { echo "prepare: too large to carry (limit 64 MiB)" >&2; exit 1; }

# What can be checked without a GPU: the carried runtime starts, finds every class, and falls
# back to the CPU with the reason printed.
echo "prepare: checking the carried runtime here (no GPU: auto must fall back to the CPU)"
.gpu/jre/bin/java -cp '.gpu/lib/*' org.shendu.cli.Main bench cnn_mnist --device auto --steps 1 --rounds 1 --warmup 0 \
  --threads 1 2>&1 | tail -3
.gpu/jre/bin/java -cp '.gpu/lib/*' org.shendu.backend.cuda.GpuTestMain org.shendu.backend.cuda.CudaBackendProviderTest \
  2>&1 | grep -E '^(TEST|RESULT|SKIP)|cuda cannot' || true
echo "prepare: done. Device call: carry [\".gpu\", \".anchors\"], command: bash backend-cuda/gpu/run-on-device.sh"
