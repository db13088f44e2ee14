"""Writes reference_lstm.safetensors and reference_nll.json for PerplexityTest: a small CharLSTM of the
anchor's code (E 4, H 8, 2 layers, PyTorch's default init, seed 11) on the shipped sample's vocabulary,
and the per-poem and window NLL the anchor's own eval functions give on the sample's validation poems.

  /usr/bin/python3 make_reference_nll.py ../../../../../../main/resources/org/shendu/rnn/poetry/sample-tang.jsonl.gz
"""
import collections, json, sys
sys.path.insert(0, "/work/shared/anchors/quality")
import torch, common as C
from poetry_lm import CharLSTM, load_poems, encode, eval_per_poem, eval_windows, BOS, EOS

bodies, stats = load_poems(sys.argv[1])
n = len(bodies)
perm = C.splitmix_permutation(n, 42)
val_idx = sorted(perm[:n // 20]); train_idx = perm[n // 20:]
cnt = collections.Counter(c for i in train_idx for c in bodies[i])
itos = ["<unk>", "<bos>", "<eos>"] + sorted((c for c, k in cnt.items() if k >= 2), key=lambda c: (-cnt[c], ord(c)))
stoi = {c: i for i, c in enumerate(itos)}
torch.manual_seed(11)
m = CharLSTM(len(itos), 4, 8, 2)
va = [encode(bodies[i], stoi) for i in val_idx]
tot, cnt_ = eval_per_poem(m, va, "cpu")
stream = torch.tensor([t for q in va for t in [BOS] + q + [EOS]], dtype=torch.long)
wt, wc = eval_windows(m, stream, "cpu")
C.save_safetensors({k: v.contiguous() for k, v in m.state_dict().items()}, "reference_lstm.safetensors", {"vocabulary": str(len(itos))})
json.dump({"vocabulary": len(itos), "per_poem_total": tot, "per_poem_targets": cnt_, "window_total": wt, "window_targets": wc},
          open("reference_nll.json", "w"), indent=1)
print(len(itos), tot / cnt_, wt / wc)
