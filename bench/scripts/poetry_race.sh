#!/usr/bin/env bash
# The poetry issue's equal-budget race: `shendu poetry train` and the PyTorch reference
# (`poetry_lm.py`) each train char_lstm_poetry for BUDGET seconds of training time (evaluations not
# counted) on 2 threads, one after the other in this job, same data, same split, same per-poem
# validation; both validate every EVAL steps, so their NLLs at equal steps can be compared too.
#   JAR=cli/target/shendu.jar DATA=../shared/data BUDGET=1200 EVAL=200 OUT=race bash bench/scripts/poetry_race.sh
set -euo pipefail
: "${JAR:=cli/target/shendu.jar}" "${DATA:=../shared/data}" "${BUDGET:=1200}" "${EVAL:=200}" "${OUT:=poetry-race}"
: "${ANCHOR:=../shared/anchors/quality/poetry_lm.py}" "${PYTHON:=/usr/bin/python3}" "${SEED:=1}"
mkdir -p "$OUT"
echo "load before shendu: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/race.log"
java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx4g -jar "$JAR" poetry train --data "$DATA" --steps 0 --budget-s "$BUDGET" --eval-every "$EVAL" \
    --seed "$SEED" --threads 2 --device cpu --out "$OUT/shendu" --json > "$OUT/shendu.json" 2> "$OUT/shendu.log"
echo "load before pytorch: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/race.log"
OMP_NUM_THREADS=2 "$PYTHON" "$ANCHOR" --data "$DATA/poetry/tang.simplified.jsonl.gz" --budget-s "$BUDGET" \
    --eval-every "$EVAL" --seed "$SEED" --results "$OUT/pytorch.jsonl" > "$OUT/pytorch.log" 2>&1
echo "done: $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/race.log"
