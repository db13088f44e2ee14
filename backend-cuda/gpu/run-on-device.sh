#!/usr/bin/env bash
# On the GPU machine, from the repository root, with .gpu and .anchors carried (see prepare.sh):
#   bash backend-cuda/gpu/run-on-device.sh [smoke] [tests] [micro] [bench]   (default: smoke tests)
# smoke  prints the machine and checks that Device.of("cuda") loads (a few seconds)
# tests  runs the GPU tests (GpuTestMain: op suite, layer suite, CPU-vs-GPU steps) -> $OUT/gpu-tests.log,
#        then the op, layer and primitive tests again with cuDNN off -> $OUT/gpu-tests-cudnn-off.log;
#        when the first run hit a sticky CUDA error (illegal address, launch failure), the first failing
#        class runs again with CUDA_LAUNCH_BLOCKING=1 so the error names the kernel -> $OUT/gpu-tests-blocking.log
# micro  times SGEMM against cuDNN (FMA, TF32) at the workloads' shapes, bandwidth, launch cost
#        -> $OUT/micro.log (what the fp32 product routing and CudnnGemm.MIN_MACS should be set from)
# bench  runs each of the five workloads with --device cuda in fp32 and tf32, each followed by the
#        PyTorch anchor in the same mode (interleaved, so both see the same machine state)
#        -> $OUT/shendu-gpu.jsonl, $OUT/anchors-gpu.jsonl, $OUT/bench.log
#
# Time: a device call is cut at 10 minutes, and a session has 30 minutes of device time in all. The
# script keeps to BUDGET seconds (default 540) from its start: every step runs under a timeout that
# is the smaller of its own cap and what is left, and a step that no longer fits is skipped with a
# line saying so (the parts' own caps: smoke 60 s, tests 300 s + 180 s with cuDNN off, micro 180 s,
# each bench run 150 s). So `smoke tests` fits one call; run `micro` and `bench` in later calls, and
# narrow the bench with WORKLOADS="cnn_mnist dcgan64" / MODES=fp32 when it will not fit one call.
# A Java step that runs out of time first gets SIGQUIT (the JVM prints every thread's stack into the
# log, which shows where it hung), then SIGKILL 15 s later. A JVM crash writes $OUT/hs_err_<pid>.log.
# Everything also prints; a part that fails does not stop the next one; $OUT/summary.txt lists each
# step's exit status and seconds (124 or 137: timed out, 125: skipped for want of time).
# `shendu bench` labels its JSON line "mode":"fp32" whatever the device does; the line is relabelled
# with the mode it ran in (its "backend" field, the backend's describe(), names the math mode too).
set -u
OUT=${OUT:-gpu-out}
mkdir -p "$OUT"
JAVA=${JAVA:-.gpu/jre/bin/java}
CP='.gpu/lib/*'
PARTS=${*:-smoke tests}
BUDGET=${BUDGET:-540}
START=$SECONDS
JOPTS=(-XX:ErrorFile="$OUT/hs_err_%p.log" -XX:+ExitOnOutOfMemoryError)
[ -x "$JAVA" ] || { echo "no $JAVA: carry .gpu (backend-cuda/gpu/prepare.sh builds it)" | tee "$OUT/summary.txt"; exit 1; }
for p in $PARTS; do
  case $p in smoke|tests|micro|bench) ;; *) echo "unknown part '$p' (smoke tests micro bench)" | tee "$OUT/summary.txt"; exit 2 ;; esac
done
echo "run-on-device: parts '$PARTS', budget ${BUDGET}s, $(date -u +%FT%TZ)" | tee "$OUT/summary.txt"

has() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
left() { echo $(( BUDGET - (SECONDS - START) )); }

# capped NAME CAP SIGNAL cmd...: runs cmd under a timeout of min(CAP, time left - 20 s); skips it
# (status 125) when less than 30 s would remain. Records the status and duration in summary.txt.
capped() {
  local name=$1 cap=$2 sig=$3; shift 3
  local room=$(( $(left) - 20 )) t0=$SECONDS rc
  if (( room < 30 )); then
    echo "SKIPPED $name: $(left) s left of the ${BUDGET} s budget"
    echo "$name rc=125 (skipped: $(left) s left)" >> "$OUT/summary.txt"
    return 125
  fi
  (( cap > room )) && cap=$room
  timeout -s "$sig" -k 15 "$cap" "$@"
  rc=$?
  echo "$name rc=$rc ($(( SECONDS - t0 )) s, cap $cap s)" >> "$OUT/summary.txt"
  return $rc
}

if has smoke; then
  {
    echo "== machine"
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv,noheader
    ldconfig -p | grep -E 'libcuda\.so\.1|libcudnn\.so\.9' | sed 's/ (libc6,x86-64)//' | sort -u
    echo "== missing shared libraries of the carried runtime"
    for f in .gpu/jre/bin/java .gpu/jre/lib/server/libjvm.so; do ldd "$f" | grep 'not found' | sed "s|^|$f: |"; done
    echo "== Device.of(cuda)"
    capped smoke 60 QUIT "$JAVA" "${JOPTS[@]}" -cp "$CP" org.shendu.backend.cuda.GpuTestMain \
      org.shendu.backend.cuda.CudaBackendProviderTest
  } 2>&1 | tee "$OUT/smoke.log"
fi

if has tests; then
  # The op and layer suites, the primitive-by-primitive comparison and the training steps.
  capped gpu-tests 300 QUIT "$JAVA" "${JOPTS[@]}" -Xmx16g -Dshendu.requireGpu=true -cp "$CP" \
    org.shendu.backend.cuda.GpuTestMain 2>&1 | tee "$OUT/gpu-tests.log"
  echo "(gpu tests exit ${PIPESTATUS[0]})" | tee -a "$OUT/gpu-tests.log"
  # A sticky CUDA error (illegal address, launch failure) poisons the context: every later test of
  # that JVM fails too, and the error surfaced at a download, not at the kernel that caused it. The
  # first failing class again with launches made synchronous names the kernel.
  if grep -qE 'CUDA_ERROR_(ILLEGAL_ADDRESS|LAUNCH_FAILED|MISALIGNED_ADDRESS|ILLEGAL_INSTRUCTION|HARDWARE_STACK_ERROR)' \
      "$OUT/gpu-tests.log"; then
    cls=$(grep -m1 -oE '^TEST FAILED +[A-Za-z]+' "$OUT/gpu-tests.log" | awk '{print $3}')
    if [ -n "$cls" ]; then
      CUDA_LAUNCH_BLOCKING=1 capped gpu-tests-blocking 120 QUIT "$JAVA" "${JOPTS[@]}" -Xmx16g -cp "$CP" \
        org.shendu.backend.cuda.GpuTestMain "org.shendu.backend.cuda.$cls" 2>&1 | tee "$OUT/gpu-tests-blocking.log"
    fi
  fi
  # The same suites with cuDNN off (composed convolution and LSTM on our kernels): when the run
  # above fails and this one passes, the fault is in the cuDNN integration, not in a kernel.
  capped gpu-tests-cudnn-off 180 QUIT "$JAVA" "${JOPTS[@]}" -Xmx16g -Dshendu.requireGpu=true \
    -Dshendu.cuda.cudnn=off -cp "$CP" org.shendu.backend.cuda.GpuTestMain org.shendu.backend.cuda.CudaBackendGpuTest \
    org.shendu.backend.cuda.CudaOpTest org.shendu.backend.cuda.CudaLayerTest 2>&1 | tee "$OUT/gpu-tests-cudnn-off.log"
  echo "(gpu tests with cuDNN off exit ${PIPESTATUS[0]})" | tee -a "$OUT/gpu-tests-cudnn-off.log"
fi

if has micro; then
  # The measurements the backend's choices wait for: SGEMM vs cuDNN (FMA and TF32) at the
  # workloads' shapes, element-wise bandwidth, launch cost.
  capped micro 180 QUIT "$JAVA" "${JOPTS[@]}" -Xmx8g -cp "$CP" org.shendu.backend.cuda.CudaMicroBench 2>&1 \
    | tee "$OUT/micro.log"
fi

if has bench; then
  {
    nvidia-smi --query-gpu=name,clocks.sm,temperature.gpu,power.draw --format=csv,noheader
    python3 -c 'import torch; print("torch", torch.__version__, "cudnn", torch.backends.cudnn.version())'
    # The anchor's GPU preset: warmup 15, 40 steps a round, 3 rounds.
    for w in ${WORKLOADS:-cnn_mnist lstm_sentiment char_lstm_poetry dcgan_mnist dcgan64}; do
      for mode in ${MODES:-fp32 tf32}; do
        echo "== $w $mode: shendu"
        capped "bench-shendu-$w-$mode" 150 QUIT "$JAVA" "${JOPTS[@]}" -Xmx16g -Dshendu.cuda.math=$mode -cp "$CP" \
          org.shendu.cli.Main bench "$w" --device cuda --warmup 15 --steps 40 --rounds 3 --threads 4 \
          | sed "s/\"mode\":\"fp32\"/\"mode\":\"$mode\"/" | tee -a "$OUT/shendu-gpu.jsonl"
        echo "(exit ${PIPESTATUS[0]})"
        echo "== $w $mode: pytorch"
        PYTHONUNBUFFERED=1 capped "bench-pytorch-$w-$mode" 150 TERM python3 .anchors/pytorch/anchors.py "$w" \
          --device cuda --mode "$mode" | tee -a "$OUT/anchors-gpu.jsonl"
        echo "(exit ${PIPESTATUS[0]})"
      done
    done
    nvidia-smi --query-gpu=name,clocks.sm,temperature.gpu,power.draw --format=csv,noheader
  } 2>&1 | tee "$OUT/bench.log"
fi
echo "run-on-device: done after $(( SECONDS - START )) s" | tee -a "$OUT/summary.txt"
cat "$OUT/summary.txt"
