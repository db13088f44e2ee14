#!/bin/bash
# IMDB 25k -> 25k: each `shendu sentiment train` recipe beside the same model in scikit-learn, in one job,
# alternating ours and theirs, ROUNDS rounds. Run from the repository root after
#   mvn -B -q -pl cli -am package -DskipTests
# Needs Debian's python3-sklearn (shared/anchors/bow-sentiment/run_all.sh installs it) and the anchors in
# SHARED (default ../shared). W2V_VECTORS: a word2vec-format file for w2v-avg (skipped when unset).
# Results: $OUT/timings.jsonl (wall, CPU, others' CPU from timed_run.py) and the ours-*.json / sk-*.log outputs.
set -euo pipefail
SHARED=${SHARED:-../shared}
IMDB_DIR=${IMDB_DIR:-$SHARED/data/imdb}
OUT=${OUT:-$(mktemp -d)}
ROUNDS=${ROUNDS:-1}
MODELS=${MODELS:-"rf bow-lr tfidf-lr nbsvm nb"}
PY=/usr/bin/python3
TR="$PY $SHARED/anchors/word2vec/timed_run.py"
JAR=${JAR:-cli/target/shendu.jar}
mkdir -p "$OUT"
echo "results in $OUT"
DATA_ROOT=$(dirname "$IMDB_DIR")
for round in $(seq 1 "$ROUNDS"); do
  for m in $MODELS ${W2V_VECTORS:+w2v-avg}; do
    extra=""
    [ "$m" = w2v-avg ] && extra="--vectors $W2V_VECTORS"
    $TR --label ours-$m-r$round --log "$OUT/ours-$m-r$round.log" --json "$OUT/timings.jsonl" -- \
      java -Xmx6g -jar $JAR sentiment train --model $m --dataset imdb --data "$DATA_ROOT" --threads 2 --seed 1 \
        --json --out "$OUT/models" $extra
    if [ "$m" = nb ]; then
      $TR --label sk-$m-r$round --log "$OUT/sk-$m-r$round.log" --json "$OUT/timings.jsonl" -- \
        $PY sentiment/bench/sklearn_nb.py "$IMDB_DIR"
    elif [ "$m" = w2v-avg ]; then
      $TR --label sk-$m-r$round --log "$OUT/sk-$m-r$round.log" --json "$OUT/timings.jsonl" -- \
        $PY $SHARED/anchors/bow-sentiment/imdb_bow.py w2v-avg --data "$IMDB_DIR" --w2v "$W2V_VECTORS" --jobs 2
    else
      $TR --label sk-$m-r$round --log "$OUT/sk-$m-r$round.log" --json "$OUT/timings.jsonl" -- \
        $PY $SHARED/anchors/bow-sentiment/imdb_bow.py $m --data "$IMDB_DIR" --jobs 2
    fi
  done
done
