#!/usr/bin/env bash
# Per-epoch wall time of the case-study trainings, the jar before a change and the jar after it
# alternating in one job, THREADS threads. JOBS picks them (default: all four):
#   cnn     `cnn train` on MNIST, one epoch (wall time of the command)
#   gan     `gan train` dcgan_mnist on MNIST, one epoch (wall time of the command)
#   lstm    `sentiment train --recipe lstm` (default preset) on IMDB, one epoch on the given word2vec
#           VECTORS, no test set (the epoch's own seconds, from --json)
#   poetry  `poetry train` char_lstm_poetry, POETRY_STEPS steps (training seconds from --json; an
#           epoch of the 2.41M-token training stream is 588 steps of 64 x 64 characters)
#   BEFORE=old.jar AFTER=new.jar DATA=../shared/data THREADS=1 OUT=epochs [JOBS="cnn gan lstm poetry"] \
#       [VECTORS=vectors-100d.bin] [POETRY_STEPS=100] bash bench/scripts/epoch_before_after.sh
set -euo pipefail
: "${BEFORE:?jar before}" "${AFTER:?jar after}" "${DATA:=../shared/data}" "${THREADS:=1}" "${OUT:=epoch-before-after}"
: "${JOBS:=cnn gan lstm poetry}" "${POETRY_STEPS:=100}" "${PYTHON:=/usr/bin/python3}"
mkdir -p "$OUT"
java_run() {
  java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx5g -jar "$@"
}
seconds_from_json() { # the training seconds a --json result reports
  "$PYTHON" -c 'import json, sys
o = json.load(open(sys.argv[1]))
print(o["epochs"][0]["seconds"] if "epochs" in o else o["curve"][-1]["train_seconds"])' "$1"
}
for side in before after; do
  jar=$([ "$side" = before ] && echo "$BEFORE" || echo "$AFTER")
  for job in $JOBS; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s.%N)
    log="$OUT/$side-$job.log" json="$OUT/$side-$job.json"
    case "$job" in
      cnn) java_run "$jar" cnn train --dataset mnist --epochs 1 --seed 1 --threads "$THREADS" --device cpu \
             --data "$DATA" --out "$OUT/$side-cnn" > "$log" 2>&1 ;;
      gan) java_run "$jar" gan train --network dcgan_mnist --dataset mnist --epochs 1 --seed 1 --threads "$THREADS" \
             --device cpu --data "$DATA" --out "$OUT/$side-gan" > "$log" 2>&1 ;;
      lstm) java_run "$jar" sentiment train --recipe lstm --dataset imdb --data "$DATA" --vectors "${VECTORS:?}" \
              --epochs 1 --no-test --seed 1 --threads "$THREADS" --device cpu --out "$OUT/$side-lstm" --json \
              > "$json" 2> "$log" ;;
      poetry) java_run "$jar" poetry train --data "$DATA" --steps "$POETRY_STEPS" --eval-every "$POETRY_STEPS" \
                --seed 1 --threads "$THREADS" --device cpu --out "$OUT/$side-poetry" --json > "$json" 2> "$log" ;;
      *) echo "unknown job $job (cnn, gan, lstm, poetry)" >&2; exit 2 ;;
    esac
    wall=$(echo "$(date +%s.%N) - $t0" | bc)
    train=$([ -s "$json" ] && seconds_from_json "$json" || echo "$wall")
    echo "{\"side\":\"$side\",\"job\":\"$job\",\"threads\":$THREADS,\"load_before\":$load,\"wall_s\":$wall,\"train_s\":$train}" \
      | tee -a "$OUT/epochs.jsonl"
  done
done
