#!/usr/bin/env bash
# On the GPU machine, from the repository root, with .gpu and .anchors carried (see prepare.sh):
#   bash backend-cuda/gpu/run-on-device.sh [smoke] [tests] [micro] [bench]   (default: smoke tests bench)
# smoke  prints the machine and checks that Device.of("cuda") loads (a few seconds)
# tests  runs the GPU tests (GpuTestMain: op suite, layer suite, CPU-vs-GPU steps) -> $OUT/gpu-tests.log,
#        then the op, layer and primitive tests again with cuDNN off -> $OUT/gpu-tests-cudnn-off.log
# micro  times SGEMM against cuDNN (FMA, TF32) at the workloads' shapes, bandwidth, launch cost
#        -> $OUT/micro.log (what the fp32 product routing and CudnnGemm.MIN_MACS should be set from)
# bench  runs each of the five workloads with --device cuda in fp32 and tf32, each followed by the
#        PyTorch anchor in the same mode (interleaved, so both see the same machine state)
#        -> $OUT/shendu-gpu.jsonl, $OUT/anchors-gpu.jsonl, $OUT/bench.log
# WORKLOADS and MODES narrow the bench part (default: all five, "fp32 tf32"). Each run is cut at
# 150 s; a device call is cut at 10 minutes, so run `tests` and `bench` in separate calls, and split
# the bench (e.g. MODES=fp32, then MODES=tf32) if the first call shows it will not fit.
# Everything also prints; a part that fails does not stop the next one. `shendu bench` labels its
# JSON line "mode":"fp32" whatever the device does; the line is relabelled with the mode it ran in
# (its "backend" field, the backend's describe(), names the math mode too).
set -u
OUT=${OUT:-gpu-out}
mkdir -p "$OUT"
JAVA=.gpu/jre/bin/java
CP='.gpu/lib/*'
PARTS=${*:-smoke tests bench}
[ -x "$JAVA" ] || { echo "no $JAVA: carry .gpu (backend-cuda/gpu/prepare.sh builds it)"; exit 1; }

has() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if has smoke; then
  {
    echo "== machine"
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv,noheader
    ldconfig -p | grep -E 'libcuda\.so\.1|libcudnn\.so\.9' | sed 's/ (libc6,x86-64)//' | sort -u
    echo "== missing shared libraries of the carried runtime"
    for f in .gpu/jre/bin/java .gpu/jre/lib/server/libjvm.so; do ldd "$f" | grep 'not found' | sed "s|^|$f: |"; done
    echo "== Device.of(cuda)"
    timeout 60 "$JAVA" -cp "$CP" org.shendu.backend.cuda.GpuTestMain org.shendu.backend.cuda.CudaBackendProviderTest
  } 2>&1 | tee "$OUT/smoke.log"
fi

if has tests; then
  # The op and layer suites, the primitive-by-primitive comparison and the training steps.
  timeout 420 "$JAVA" -Xmx16g -Dshendu.requireGpu=true -cp "$CP" org.shendu.backend.cuda.GpuTestMain 2>&1 | tee "$OUT/gpu-tests.log"
  echo "(gpu tests exit ${PIPESTATUS[0]})" | tee -a "$OUT/gpu-tests.log"
  # The same suites with cuDNN off (composed convolution and LSTM on our kernels): when the run
  # above fails and this one passes, the fault is in the cuDNN integration, not in a kernel.
  timeout 300 "$JAVA" -Xmx16g -Dshendu.requireGpu=true -Dshendu.cuda.cudnn=off -cp "$CP" \
    org.shendu.backend.cuda.GpuTestMain org.shendu.backend.cuda.CudaBackendGpuTest \
    org.shendu.backend.cuda.CudaOpTest org.shendu.backend.cuda.CudaLayerTest 2>&1 | tee "$OUT/gpu-tests-cudnn-off.log"
  echo "(gpu tests with cuDNN off exit ${PIPESTATUS[0]})" | tee -a "$OUT/gpu-tests-cudnn-off.log"
fi

if has micro; then
  # The measurements the backend's choices wait for: SGEMM vs cuDNN (FMA and TF32) at the
  # workloads' shapes, element-wise bandwidth, launch cost.
  timeout 300 "$JAVA" -Xmx8g -cp "$CP" org.shendu.backend.cuda.CudaMicroBench 2>&1 | tee "$OUT/micro.log"
fi

if has bench; then
  {
    nvidia-smi --query-gpu=name,clocks.sm,temperature.gpu,power.draw --format=csv,noheader
    python3 -c 'import torch; print("torch", torch.__version__, "cudnn", torch.backends.cudnn.version())'
    # The anchor's GPU preset: warmup 15, 40 steps a round, 3 rounds.
    for w in ${WORKLOADS:-cnn_mnist lstm_sentiment char_lstm_poetry dcgan_mnist dcgan64}; do
      for mode in ${MODES:-fp32 tf32}; do
        echo "== $w $mode: shendu"
        timeout 150 "$JAVA" -Xmx16g -Dshendu.cuda.math=$mode -cp "$CP" org.shendu.cli.Main \
          bench "$w" --device cuda --warmup 15 --steps 40 --rounds 3 --threads 4 \
          | sed "s/\"mode\":\"fp32\"/\"mode\":\"$mode\"/" | tee -a "$OUT/shendu-gpu.jsonl"
        echo "(exit ${PIPESTATUS[0]})"
        echo "== $w $mode: pytorch"
        PYTHONUNBUFFERED=1 timeout 150 python3 .anchors/pytorch/anchors.py "$w" --device cuda --mode "$mode" \
          | tee -a "$OUT/anchors-gpu.jsonl"
        echo "(exit ${PIPESTATUS[0]})"
      done
    done
    nvidia-smi --query-gpu=name,clocks.sm,temperature.gpu,power.draw --format=csv,noheader
  } 2>&1 | tee "$OUT/bench.log"
fi
