#!/usr/bin/env bash
# Alternates two shendu jars on the five training workloads (before, after, before, after, ...) and
# appends one JSON line per run, with the load average before it, to OUT.
#   BEFORE=old.jar AFTER=new.jar PAIRS=2 THREADS=1 OUT=before-after.jsonl bash bench/scripts/before_after.sh
# WORKLOADS="cnn_mnist dcgan64" limits the run to those.
set -euo pipefail
: "${BEFORE:?jar of the old commit}" "${AFTER:?jar of the new commit}"
PAIRS=${PAIRS:-2}; THREADS=${THREADS:-1}; OUT=${OUT:-before-after.jsonl}
for w in ${WORKLOADS:-cnn_mnist lstm_sentiment char_lstm_poetry dcgan_mnist dcgan64}; do
  for pair in $(seq "$PAIRS"); do
    for side in before after; do
      jar=$([ "$side" = before ] && echo "$BEFORE" || echo "$AFTER")
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$(java -Xmx6g -jar "$jar" bench "$w" --device cpu --threads "$THREADS" 2>/dev/null | grep '^{' | tail -1)
      echo "{\"side\":\"$side\",\"pair\":$pair,\"threads\":$THREADS,\"load_before\":$load,\"run\":$line}" >> "$OUT"
    done
  done
done
