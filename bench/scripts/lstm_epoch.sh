#!/usr/bin/env bash
# Time per training epoch of the lstm_sentiment network on IMDB, shendu against the PyTorch reference
# (anchors/quality/imdb_lstm.py), one after the other in this job, THREADS threads each. Same data
# (the 22,500 fit reviews), same sizes: 30,000 most frequent words + padding + unknown, Embedding 128,
# LSTM(128), last real step, Linear(128, 2), first 256 tokens, batch 64, Adam 1e-3, random embeddings.
# Ours keeps the default preset's dropout and clipping (cheap element-wise work) and its length buckets
# (PyTorch packs the sequences, so neither side computes on padding). Epoch time = training only.
#   JAR=cli/target/shendu.jar DATA=../shared/data THREADS=2 OUT=lstm-epoch bash bench/scripts/lstm_epoch.sh
set -euo pipefail
: "${JAR:=cli/target/shendu.jar}" "${DATA:=../shared/data}" "${THREADS:=2}" "${OUT:=lstm-epoch}"
: "${ANCHOR:=../shared/anchors/quality/imdb_lstm.py}" "${PYTHON:=/usr/bin/python3}"
mkdir -p "$OUT"
echo "$(date -u +%FT%TZ) shendu, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/epoch.log"
java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx5g -jar "$JAR" sentiment train --recipe lstm --dataset imdb --data "$DATA" --embeddings random \
    --max-vocab 30000 --embedding-dim 128 --hidden 128 --bidirectional false --pooling last --max-tokens 256 \
    --truncation head --lr 1e-3 --batch-size 64 --epochs 1 --no-test --seed 1 --threads "$THREADS" --device cpu \
    --out "$OUT/shendu" --json > "$OUT/shendu.json" 2> "$OUT/shendu.log"
echo "$(date -u +%FT%TZ) pytorch, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/epoch.log"
OMP_NUM_THREADS="$THREADS" "$PYTHON" "$ANCHOR" --data "$DATA/imdb" --runs lstm:1 --epochs 1 \
    --results "$OUT/pytorch.jsonl" > "$OUT/pytorch.log" 2>&1
echo "$(date -u +%FT%TZ) done, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/epoch.log"
"$PYTHON" - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
ours = json.load(open(f"{out}/shendu.json"))["epochs"][0]["seconds"]
theirs = [json.loads(l) for l in open(f"{out}/pytorch.jsonl")][-1]["run"]["epochs"][0]["epoch_s"]
print(f"epoch: shendu {ours:.1f} s, PyTorch {theirs:.1f} s, ratio (PyTorch / shendu) {theirs / ours:.2f}")
PY
