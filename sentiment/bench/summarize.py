#!/usr/bin/env python3
"""Markdown table from an imdb_vs_sklearn.sh results folder: per model and round, ours beside scikit-learn.
Usage: python3 sentiment/bench/summarize.py OUT_DIR
"""
import glob, json, os, re, sys

out = sys.argv[1]
timing = {}
with open(os.path.join(out, "timings.jsonl")) as f:
    for line in f:
        t = json.loads(line)
        timing[t["label"]] = t


def ours(path):
    with open(path) as f:
        return json.load(f)


def sk(path):
    with open(path) as f:
        for line in f:
            if "ANCHOR_RESULT" in line:
                return json.loads(line.split("ANCHOR_RESULT ", 1)[1])
    return None


rows = []
for path in sorted(glob.glob(os.path.join(out, "ours-*-r*.log"))):
    label = os.path.basename(path)[:-4]
    m = re.match(r"ours-(.+)-r(\d+)$", label)
    model, rnd = m.group(1), m.group(2)
    try:
        o = ours(path)
    except (json.JSONDecodeError, OSError):
        continue
    s_label = f"sk-{model}-r{rnd}"
    s = sk(os.path.join(out, s_label + ".log")) if os.path.exists(os.path.join(out, s_label + ".log")) else None
    to, ts = timing.get(label, {}), timing.get(s_label, {})
    tm = o["test_metrics"]
    rows.append((model, rnd, o, tm, s, to, ts))

print("| model | round | ours acc | ours AUC | sklearn acc | sklearn AUC | ours C (CV acc) | sklearn C (CV acc) | ours wall s | sklearn wall s | wall ratio | ours CPU s | sklearn CPU s | others' CPU s (ours / sklearn) |")
print("|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|")
for model, rnd, o, tm, s, to, ts in rows:
    s = s or {}
    oc = f"{o.get('c', '–')} ({o.get('cv_accuracy', '–')})" if "c" in o else "–"
    sc = f"{s.get('C')} ({s.get('cv_acc')})" if s.get("C") is not None else "–"
    ow, sw = to.get("wall_s"), ts.get("wall_s")
    ratio = f"{ow / sw:.2f}" if ow and sw else "–"
    ocpu = round(to.get("user_s", 0) + to.get("sys_s", 0), 1) if to else "–"
    scpu = round(ts.get("user_s", 0) + ts.get("sys_s", 0), 1) if ts else "–"
    print(f"| {model} | {rnd} | {tm['accuracy']:.4f} | {tm['roc_auc']:.4f} | {s.get('accuracy', '–')} | {s.get('roc_auc', '–')} "
          f"| {oc} | {sc} | {ow} | {sw} | {ratio} | {ocpu} | {scpu} | {to.get('others_cpu_s', '–')} / {ts.get('others_cpu_s', '–')} |")
print()
print("Phase timings (ours: vectorize train / CV / fit / predict incl. vectorizing test; sklearn: vectorize train+test / CV / fit / predict):")
for model, rnd, o, tm, s, to, ts in rows:
    t = o["timings"]
    s = s or {}
    print(f"- {model} r{rnd}: ours {t['vectorize_train_s']} / {t['cv_s']} / {t['fit_s']} / {t.get('predict_s')} (total {t['total_s']});"
          f" sklearn {s.get('vectorize_s')} / {s.get('cv_s')} / {s.get('fit_s')} / {s.get('predict_s')} (total {s.get('total_s')})")
