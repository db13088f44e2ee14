#!/usr/bin/env bash
# What each ingredient of the LSTM sentiment default preset adds (docs/sentiment.md): the default
# preset with one ingredient taken away at a time, on IMDB, all runs on the same word2vec vectors
# (VECTORS, e.g. the vectors-100d.bin a default run wrote) so only the ingredient differs.
#   JAR=cli/target/shendu.jar DATA=../shared/data VECTORS=runs/lstm/vectors-100d.bin SEED=1 OUT=ablation \
#       bash bench/scripts/lstm_ablation.sh [NAME...]
set -euo pipefail
: "${JAR:=cli/target/shendu.jar}" "${DATA:=../shared/data}" "${VECTORS:?word2vec vectors of a default run}"
: "${SEED:=1}" "${OUT:=lstm-ablation}" "${THREADS:=2}"
declare -A CHANGE=(
  [default]=""
  [no-masking]="--mask false"
  [random-embeddings]="--embeddings random"
  [unidirectional]="--bidirectional false"
  [last-step-pooling]="--pooling last"
  [head-250-tokens]="--max-tokens 250 --truncation head"
  [gru]="--cell gru"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(default no-masking random-embeddings unidirectional last-step-pooling head-250-tokens)
mkdir -p "$OUT"
for name in "${names[@]}"; do
  vectors="--vectors $VECTORS"
  [ "$name" = random-embeddings ] && vectors=""
  echo "$(date -u +%FT%TZ) $name: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/ablation.log"
  # shellcheck disable=SC2086
  java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx5g -jar "$JAR" sentiment train --recipe lstm --dataset imdb --data "$DATA" $vectors ${CHANGE[$name]} \
      --seed "$SEED" --threads "$THREADS" --device cpu --out "$OUT/$name" --json > "$OUT/$name.json" 2> "$OUT/$name.log"
done
echo "$(date -u +%FT%TZ) done" | tee -a "$OUT/ablation.log"
