#!/usr/bin/env bash
# Per-epoch wall time of two case-study trainings (the CNN on MNIST, dcgan_mnist on MNIST), one epoch
# each, the jar before a change and the jar after it alternating in one job, THREADS threads.
#   BEFORE=old.jar AFTER=new.jar DATA=../shared/data THREADS=1 OUT=epochs bash bench/scripts/epoch_before_after.sh
set -euo pipefail
: "${BEFORE:?jar before}" "${AFTER:?jar after}" "${DATA:=../shared/data}" "${THREADS:=1}" "${OUT:=epoch-before-after}"
mkdir -p "$OUT"
for side in before after; do
  jar=$([ "$side" = before ] && echo "$BEFORE" || echo "$AFTER")
  for job in cnn gan; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N)
    if [ "$job" = cnn ]; then
      java --add-modules jdk.incubator.vector -jar "$jar" cnn train --dataset mnist --epochs 1 --seed 1 --threads "$THREADS" \
          --device cpu --data "$DATA" --out "$OUT/$side-cnn" > "$OUT/$side-cnn.log" 2>&1
    else
      java --add-modules jdk.incubator.vector -jar "$jar" gan train --network dcgan_mnist --dataset mnist --epochs 1 --seed 1 \
          --threads "$THREADS" --device cpu --data "$DATA" --out "$OUT/$side-gan" > "$OUT/$side-gan.log" 2>&1
    fi
    echo "{\"side\":\"$side\",\"job\":\"$job\",\"threads\":$THREADS,\"load_before\":$load,\"wall_s\":$(echo "$(date +%s.%N) - $t0" | bc)}" | tee -a "$OUT/epochs.jsonl"
  done
done
