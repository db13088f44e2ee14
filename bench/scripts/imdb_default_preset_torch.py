#!/usr/bin/env python3
"""PyTorch 1.13 timing of our LSTM sentiment *default preset* (docs/sentiment.md) on IMDB: the same
network and training step, so that its time per epoch can be set beside `shendu sentiment train
--recipe lstm` (issue 11). A measuring stick, not a dependency: it times epochs, it does not tune.

Same as our preset: the anchor's tokens (anchors/quality/imdb_lstm.py) and validation split (2,500
reviews by SplitMix64, seed 42); a vocabulary of VOCAB words (ours: the word2vec vocabulary, 51,952 on
IMDB); 100-d embeddings (padding row 0), dropout 0.25 on them; a bidirectional LSTM(64) over the real
steps (packed); masked mean and max over the steps, concatenated (256); dropout 0.4; Linear(256, 2);
reviews cut to 400 tokens, the first 100 and the last 300; length buckets (pools of 50 batches of
64 sorted by length, as core's LengthBuckets); Adam 2e-3, gradient norm clipped to 5; embeddings
frozen in epoch 1, trained from epoch 2. Epoch time = the training loop only.

  OMP_NUM_THREADS=2 /usr/bin/python3 bench/scripts/imdb_default_preset_torch.py --data ../shared/data/imdb --epochs 2
"""
import argparse, collections, json, os, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

ANCHORS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "anchors", "quality")
sys.path.insert(0, os.environ.get("ANCHORS_QUALITY", ANCHORS))
import common as C  # noqa: E402
import imdb_lstm as A  # noqa: E402


def head_tail(toks, budget=400, head=100):
    return toks if len(toks) <= budget else toks[:head] + toks[len(toks) - (budget - head):]


class Preset(nn.Module):
    def __init__(self, V, E=100, H=64):
        super().__init__()
        self.emb = nn.Embedding(V, E, padding_idx=0)
        self.lstm = nn.LSTM(E, H, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(4 * H, 2)

    def forward(self, x, lengths):
        e = F.dropout(self.emb(x), 0.25, self.training)
        packed = pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        y, _ = pad_packed_sequence(self.lstm(packed)[0], batch_first=True)  # [B, Tmax, 2H], zeros past each length
        mask = (torch.arange(y.shape[1])[None, :] < lengths[:, None]).unsqueeze(2)
        mean = y.sum(1) / lengths[:, None].float()
        mx = y.masked_fill(~mask, float("-inf")).max(1).values
        return self.fc(F.dropout(torch.cat([mean, mx], 1), 0.4, self.training))


def buckets(lengths, batch, rng, pool=50):
    order = rng.permutation(len(lengths))
    out = []
    for p in range(0, len(order), batch * pool):
        chunk = sorted(order[p:p + batch * pool], key=lambda i: lengths[i])
        out += [chunk[i:i + batch] for i in range(0, len(chunk), batch)]
    rng.shuffle(out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="shared/data/imdb")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--vocab", type=int, default=51952)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--results", default=None)
    ap.add_argument("--limit", type=int, default=0, help="smoke test: keep only this many fit reviews")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    t0 = time.perf_counter()
    texts, labels = A.load(a.data, "train")
    toks = [A.tokens(t) for t in texts]
    perm = C.splitmix_permutation(len(texts), 42)
    fit = perm[2500:]
    if a.limit:
        fit = fit[:a.limit]
    cnt = collections.Counter(w for i in fit for w in toks[i])
    stoi = {w: i + 2 for i, w in enumerate(sorted(cnt, key=lambda w: (-cnt[w], w))[:a.vocab])}
    seqs = [[stoi.get(w, 1) for w in head_tail(toks[i])] or [1] for i in fit]
    y = torch.tensor(labels[fit])
    lengths = np.array([len(s) for s in seqs])
    prep_s = time.perf_counter() - t0
    model = Preset(len(stoi) + 2)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    rng = np.random.RandomState(a.seed)
    epochs = []
    for ep in range(1, a.epochs + 1):
        model.emb.weight.requires_grad_(ep > 1)
        t1 = time.perf_counter()
        for b in buckets(lengths, 64, rng):
            L = torch.tensor(lengths[b])
            x = torch.zeros(len(b), int(L.max()), dtype=torch.long)
            for r, i in enumerate(b):
                x[r, :lengths[i]] = torch.tensor(seqs[i])
            loss = F.cross_entropy(model(x, L), y[b])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 5.0)
            opt.step()
        epochs.append({"epoch": ep, "embeddings": "trained" if ep > 1 else "frozen",
                       "epoch_s": round(time.perf_counter() - t1, 2), "last_loss": float(loss)})
        C.log(f"epoch {ep}: {epochs[-1]}")
    rec = {"stage": "imdb_default_preset_torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
           "n_fit": len(fit), "vocab": len(stoi) + 2, "prep_s": round(prep_s, 1), "epochs": epochs}
    print(json.dumps(rec))
    if a.results:
        C.append_result(a.results, rec)


if __name__ == "__main__":
    main()
