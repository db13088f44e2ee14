# Writes torch_recurrent.json: PyTorch's nn.GRU (2 layers, bidirectional), nn.RNN (relu, 2 layers)
# and nn.LSTM (2 layers, bidirectional) with their state dicts, an input [T=5, B=2, 3], initial
# states, and the outputs and final states PyTorch computes. RecurrentSuite.matchesPyTorch loads
# the state dicts into Gru, Rnn and Lstm and compares. Run with PyTorch installed:
#   /usr/bin/python3 make_torch_recurrent.py   (PyTorch 1.13 wrote the committed file)
import json

import torch

torch.manual_seed(0)
out = {}
for name, mod in [("gru", torch.nn.GRU(3, 4, num_layers=2, bidirectional=True)),
                  ("rnn_relu", torch.nn.RNN(3, 4, num_layers=2, nonlinearity="relu")),
                  ("lstm", torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True))]:
    x = torch.randn(5, 2, 3)
    dirs = 2 if mod.bidirectional else 1
    h0 = torch.randn(2 * dirs, 2, 4)
    c0 = torch.randn(2 * dirs, 2, 4) if name == "lstm" else None
    with torch.no_grad():
        if c0 is not None:
            y, (h, c) = mod(x, (h0, c0))
        else:
            (y, h), c = mod(x, h0), None

    def flat(t):
        return None if t is None else [float("%.9g" % v) for v in t.flatten().tolist()]

    out[name] = {"bidirectional": mod.bidirectional,
                 "shapes": {k: list(v.shape) for k, v in mod.state_dict().items()},
                 "params": {k: flat(v) for k, v in mod.state_dict().items()},
                 "x": flat(x), "h0": flat(h0), "c0": flat(c0), "y": flat(y), "h": flat(h), "c": flat(c)}
with open("torch_recurrent.json", "w") as f:
    json.dump(out, f, separators=(",", ":"))
