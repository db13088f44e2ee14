#!/usr/bin/env python3
"""The PyTorch side of the same-start check of `shendu poetry train` (docs/BENCHMARKS.md, poetry).

The reference `char_lstm_poetry` run (shared/anchors/quality/poetry_lm.py) with two things pinned so
that ours can repeat it exactly: the initial weights (written with common.save_safetensors, for
`shendu poetry train --init-weights`) and the training windows, whose offsets come from our
generator instead of torch.randint: SplitMix64 seeded with the seed, one draw per window, window r
of a batch at offset next() mod (len(stream) - 64) (unsigned), as PoetryTrainer draws them.
Everything else is the reference's own code: load_poems, the split, the vocabulary, CharLSTM
(seeded as it seeds it), Adam 1e-3, clipping 5, mean cross-entropy over the 64 x 64 targets,
eval_per_poem. With equal starts and equal windows, what remains between the two curves is
floating-point arithmetic, or a bug.

Usage (/usr/bin/python3, PyTorch 1.13):
  poetry_same_start.py --data shared/data/poetry/tang.simplified.jsonl.gz --seed 1 --steps 200 \
      --eval-every 50 --init-out init.safetensors [--results curve.jsonl] [--threads 1]

Prints (and appends to --results) one JSON line per evaluation, {step, train_loss, val_per_poem_nll};
train_loss is the mean since the previous multiple of --eval-every (as PoetryTrainer reports it).
Step 1 is always evaluated too: its train_loss is the loss of the first batch at the initial weights.
"""
import argparse, collections, hashlib, json, os, sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REFERENCE = os.environ.get("SHENDU_POETRY_REFERENCE", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "anchors", "quality"))
sys.path.insert(0, REFERENCE)
import common as C  # noqa: E402 (the reference's helpers)
import poetry_lm as R  # noqa: E402 (the reference itself)

WINDOW, BATCH = 64, 64


def corpus(path, split_seed):
    """The reference's data preparation (poetry_lm.main, which is not a function of its own), line for line."""
    bodies, stats = R.load_poems(path)
    n = len(bodies)
    perm = C.splitmix_permutation(n, split_seed)
    n_val = n // 20
    val_idx = sorted(perm[:n_val])
    train_idx = perm[n_val:]
    cnt = collections.Counter(c for i in train_idx for c in bodies[i])
    chars = sorted((c for c, k in cnt.items() if k >= 2), key=lambda c: (-cnt[c], ord(c)))
    itos = ["<unk>", "<bos>", "<eos>"] + chars
    stoi = {c: i for i, c in enumerate(itos)}
    tr_seqs = [R.encode(bodies[i], stoi) for i in train_idx]
    va_seqs = [R.encode(bodies[i], stoi) for i in val_idx]
    stream = torch.tensor([t for q in tr_seqs for t in [R.BOS] + q + [R.EOS]], dtype=torch.long)
    return stats, itos, stream, va_seqs


def offsets(rng, span):
    """One batch of window offsets, as PoetryTrainer draws them: Long.remainderUnsigned(next(), span) per row."""
    return torch.tensor([rng.next() % span for _ in range(BATCH)], dtype=torch.long)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data/poetry/tang.simplified.jsonl.gz")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split-seed", type=int, default=42)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--eval-every", type=int, default=50)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--init-out", required=True, help="safetensors file for the initial weights")
    ap.add_argument("--results", default=None)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    dev = C.setup(a.seed, "fp32")
    stats, itos, stream, va_seqs = corpus(a.data, a.split_seed)
    V = len(itos)
    digest = hashlib.sha256(stream.numpy().astype("<i4").tobytes()).hexdigest()
    C.log(f"poems {stats}; vocabulary {V}; training stream {len(stream)} tokens (sha256 of int32 LE {digest[:16]}), "
          f"first {stream[:12].tolist()}; validation {len(va_seqs)} poems")

    torch.manual_seed(a.seed)  # as the reference, right before building the network
    model = R.CharLSTM(V).to(dev)
    C.save_safetensors(model.state_dict(), a.init_out, {"seed": a.seed, "vocabulary": V, "stream_sha256": digest})
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rng = C.SplitMix64(a.seed)
    span = len(stream) - WINDOW
    ar = torch.arange(WINDOW + 1)
    loss_sum, n = 0.0, 0
    out = open(a.results, "a", encoding="utf-8") if a.results else None
    for step in range(1, a.steps + 1):
        w = stream[offsets(rng, span)[:, None] + ar].to(dev)
        x, y = w[:, :WINDOW], w[:, 1:]
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if a.clip > 0:
            nn.utils.clip_grad_norm_(model.parameters(), a.clip)
        opt.step()
        loss_sum += float(loss)
        n += 1
        if step == 1 or step % a.eval_every == 0 or step == a.steps:
            tot, cnt = R.eval_per_poem(model, va_seqs, dev)
            rec = {"seed": a.seed, "step": step, "train_loss": loss_sum / n, "val_per_poem_nll": tot / cnt,
                   "vocabulary": V, "stream_tokens": len(stream), "stream_sha256": digest}
            line = json.dumps(rec)
            print(line, flush=True)
            if out:
                out.write(line + "\n")
                out.flush()
            if step % a.eval_every == 0 or step == a.steps:  # the mean since the last point, as PoetryTrainer's
                loss_sum, n = 0.0, 0
    if out:
        out.close()


if __name__ == "__main__":
    main()
