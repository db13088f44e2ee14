#!/usr/bin/env bash
# Same-start check of `shendu poetry train` against the PyTorch reference (docs/BENCHMARKS.md, poetry):
# both start from the same initial weights (written by PyTorch) and train on the same windows, so
# the validation NLLs at equal steps may differ only by floating-point arithmetic.
#
#   bench/scripts/poetry_same_start.sh            # STEPS=200 EVAL=50 SEEDS="1 2" THREADS=1
#   STEPS=400 EVAL=100 SEEDS=3 bench/scripts/poetry_same_start.sh
#
# Needs cli/target/shendu.jar (mvn -o -B -q -pl cli -am package -DskipTests) and /usr/bin/python3
# with PyTorch. Per seed: the PyTorch run (writing the initial weights), then ours from them: one
# step evaluated (the first batch's loss at the initial weights must agree to ~1e-5), then STEPS.
# Prints one table per seed: step, both validation per-poem NLLs (nats) and the gap (ours - PyTorch),
# then the mean training losses since the previous point. TABLE_ONLY=1 reprints the tables of WORK.
set -euo pipefail
cd "$(dirname "$0")/../.."
STEPS=${STEPS:-200}
EVAL=${EVAL:-50}
SEEDS=${SEEDS:-"1 2"}
THREADS=${THREADS:-1}
DATA=${DATA:-../shared/data}
PYTHON=${PYTHON:-/usr/bin/python3}
WORK=${WORK:-$(mktemp -d -t poetry-same-start.XXXXXX)}
mkdir -p "$WORK"
JAR=cli/target/shendu.jar
[ -f "$JAR" ] || { echo "build first: mvn -o -B -q -pl cli -am package -DskipTests" >&2; exit 2; }
java_run() {
    OMP_NUM_THREADS=$THREADS java --add-modules jdk.incubator.vector -XX:+UseParallelGC -jar "$JAR" poetry train \
        --data "$DATA" --device cpu --threads "$THREADS" --json "$@" 2>>"$WORK/java.log"
}
echo "work folder: $WORK" >&2
for S in $SEEDS; do
    if [ -z "${TABLE_ONLY:-}" ]; then
    OPENBLAS_NUM_THREADS=$THREADS OMP_NUM_THREADS=$THREADS "$PYTHON" bench/scripts/poetry_same_start.py \
        --data "$DATA/poetry/tang.simplified.jsonl.gz" --seed "$S" --steps "$STEPS" --eval-every "$EVAL" \
        --threads "$THREADS" --init-out "$WORK/init-$S.safetensors" --results "$WORK/torch-$S.jsonl" >&2
    java_run --init-weights "$WORK/init-$S.safetensors" --seed "$S" --steps 1 --eval-every 1 \
        --out "$WORK/ours-$S-step1" > "$WORK/ours-$S-step1.json"
    java_run --init-weights "$WORK/init-$S.safetensors" --seed "$S" --steps "$STEPS" --eval-every "$EVAL" \
        --out "$WORK/ours-$S" > "$WORK/ours-$S.json"
    fi
    "$PYTHON" - "$S" "$WORK" <<'EOF'
import json, sys
seed, work = sys.argv[1], sys.argv[2]
torch = {r["step"]: r for r in map(json.loads, open(f"{work}/torch-{seed}.jsonl"))}
ours = {p["step"]: p for p in json.load(open(f"{work}/ours-{seed}.json"))["curve"]}
first = json.load(open(f"{work}/ours-{seed}-step1.json"))["curve"][0]
t1 = torch[1]
print(f"seed {seed}: first batch at the initial weights: loss ours {first['train_loss']:.6f}, "
      f"PyTorch {t1['train_loss']:.6f} (gap {first['train_loss'] - t1['train_loss']:+.2e})")
print(f"{'step':>6} {'ours val NLL':>12} {'PyTorch':>12} {'gap':>10}   {'ours loss':>12} {'PyTorch':>12} {'gap':>10}")
rows = [(1, first, t1)] + [(s, ours[s], torch[s]) for s in sorted(ours) if s in torch]
for s, o, t in rows:
    print(f"{s:>6} {o['validation_nll']:12.7f} {t['val_per_poem_nll']:12.7f} {o['validation_nll'] - t['val_per_poem_nll']:+10.1e}"
          f"   {o['train_loss']:12.7f} {t['train_loss']:12.7f} {o['train_loss'] - t['train_loss']:+10.1e}")
EOF
done
