#!/bin/bash
# Stratified 5-fold cross-validation of every recipe on the two Chinese review sets (no scikit-learn
# counterpart). Run from the repository root after `mvn -B -q -pl cli -am package -DskipTests`.
# SHARED (default ../shared) holds data/ and the anchors' timed_run.py; results in $OUT.
set -euo pipefail
SHARED=${SHARED:-../shared}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
echo "results in $OUT"
for ds in chnsenticorp waimai; do
  for m in nb nbsvm tfidf-lr bow-lr rf; do
    /usr/bin/python3 "$SHARED/anchors/word2vec/timed_run.py" --label zh-$ds-$m --log "$OUT/$ds-$m.log" --json "$OUT/timings.jsonl" -- \
      java -Xmx4g -jar cli/target/shendu.jar sentiment evaluate --model $m --dataset $ds --cv 5 --data "$SHARED/data" \
        --seed 1 --threads 1 --json
  done
done
