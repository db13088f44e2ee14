#!/usr/bin/env bash
# Time per training epoch on IMDB, shendu against PyTorch, one after the other in this job, THREADS
# threads each (issue 11). Two networks (NETS):
#  lstm_sentiment  the anchor's network (anchors/quality/imdb_lstm.py): the 22,500 fit reviews, 30,000 most
#                  frequent words + padding + unknown, Embedding 128, LSTM(128), last real step, Linear(128, 2),
#                  first 256 tokens, batch 64, Adam 1e-3, random embeddings. Ours keeps the default preset's
#                  dropout and clipping (cheap element-wise work) and its length buckets (PyTorch packs the
#                  sequences, so neither side computes on padding). One epoch each.
#  default_preset  our default preset (docs/sentiment.md) on VECTORS against the same network and step in
#                  PyTorch (bench/scripts/imdb_default_preset_torch.py): two epochs each, the first with the
#                  embeddings frozen, the second training them.
# Epoch time = the training loop only, on both sides.
#   JAR=cli/target/shendu.jar DATA=../shared/data VECTORS=runs/lstm/vectors-100d.bin THREADS=2 OUT=lstm-epoch \
#       bash bench/scripts/lstm_epoch.sh
set -euo pipefail
: "${JAR:=cli/target/shendu.jar}" "${DATA:=../shared/data}" "${THREADS:=2}" "${OUT:=lstm-epoch}"
: "${NETS:=lstm_sentiment default_preset}" "${PYTHON:=/usr/bin/python3}"
: "${ANCHORS_QUALITY:=../shared/anchors/quality}"
export ANCHORS_QUALITY
here=$(dirname "$0")
java=(java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx5g -jar "$JAR" sentiment train --recipe lstm
      --dataset imdb --data "$DATA" --no-test --seed 1 --threads "$THREADS" --device cpu --json)
mkdir -p "$OUT"
stamp() { echo "$(date -u +%FT%TZ) $1, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/epoch.log"; }
for net in $NETS; do
  case $net in
    lstm_sentiment)
      stamp "shendu $net"
      "${java[@]}" --embeddings random --max-vocab 30000 --embedding-dim 128 --hidden 128 --bidirectional false \
          --pooling last --max-tokens 256 --truncation head --lr 1e-3 --batch-size 64 --epochs 1 \
          --out "$OUT/shendu-$net" > "$OUT/shendu-$net.json" 2> "$OUT/shendu-$net.log"
      stamp "pytorch $net"
      OMP_NUM_THREADS="$THREADS" "$PYTHON" "$ANCHORS_QUALITY/imdb_lstm.py" --data "$DATA/imdb" --runs lstm:1 --epochs 1 \
          --results "$OUT/pytorch-$net.jsonl" > "$OUT/pytorch-$net.log" 2>&1 ;;
    default_preset)
      : "${VECTORS:?word2vec vectors of a default run, for the default_preset network}"
      stamp "shendu $net"
      "${java[@]}" --vectors "$VECTORS" --epochs 2 --patience 2 \
          --out "$OUT/shendu-$net" > "$OUT/shendu-$net.json" 2> "$OUT/shendu-$net.log"
      stamp "pytorch $net"
      OMP_NUM_THREADS="$THREADS" "$PYTHON" "$here/imdb_default_preset_torch.py" --data "$DATA/imdb" --epochs 2 \
          --results "$OUT/pytorch-$net.jsonl" > "$OUT/pytorch-$net.log" 2>&1 ;;
    *) echo "unknown network $net (lstm_sentiment, default_preset)" >&2; exit 2 ;;
  esac
done
stamp done
"$PYTHON" - "$OUT" $NETS <<'PY'
import json, sys
out, nets = sys.argv[1], sys.argv[2:]
for net in nets:
    ours = [e["seconds"] for e in json.load(open(f"{out}/shendu-{net}.json"))["epochs"]]
    rec = [json.loads(l) for l in open(f"{out}/pytorch-{net}.jsonl")][-1]
    theirs = [e["epoch_s"] for e in (rec["run"] if "run" in rec else rec)["epochs"]]
    pairs = ", ".join(f"epoch {i + 1}: shendu {o:.1f} s, PyTorch {t:.1f} s, ratio {t / o:.2f}"
                      for i, (o, t) in enumerate(zip(ours, theirs)))
    print(f"{net}: {pairs}")
PY
