#!/usr/bin/python3
"""Golden safetensors files for core/io, both ways, without the `safetensors` package.

  write   writes golden-python.safetensors with struct + json + torch (an independent writer)
  check   parses golden-java.safetensors (written by shendu's Safetensors.writeFile) with
          struct + json + torch.frombuffer and checks every value, the metadata and the checksum
  anchor  prints shapes, per-tensor SHA-256, float64 sums and a few values of a safetensors
          file (used for the expected numbers of mnist_cnn_fid.safetensors in SafetensorsTest)

Run from the repository root with /usr/bin/python3 (PyTorch 1.13 from Debian).
"""
import hashlib
import json
import struct
import sys

import torch

HERE = "core/src/test/resources/org/shendu/core/io/"

# The tensors both golden files hold: name -> (dtype, shape, values). BF16 values are exact in bfloat16.
TENSORS = {
    "f64": ("F64", [2, 3], [0.1, -2.5, 1e-300, 3.141592653589793, -0.0, 1e300]),
    "f32": ("F32", [3], [1.5, -0.33333334, 65504.0]),
    "bf16": ("BF16", [2, 2], [1.0, -2.0, 0.15625, 3.0e38]),
    "i64": ("I64", [2], [-(2 ** 40), 7]),
    "i32": ("I32", [2, 2], [-1, 0, 2147483647, -2147483648]),
    "u8": ("U8", [5], [0, 1, 127, 128, 255]),
}
TORCH = {"F64": torch.float64, "F32": torch.float32, "BF16": torch.bfloat16, "I64": torch.int64,
         "I32": torch.int32, "U8": torch.uint8}


def raw(dtype, values):
    t = torch.tensor(values, dtype=TORCH[dtype])
    if dtype == "BF16":
        t = t.view(torch.int16)
    return t.numpy().tobytes()  # little-endian on x86


def write():
    header, data = {"__metadata__": {"made_by": "python struct+json+torch", "purpose": "golden"}}, b""
    for name, (dtype, shape, values) in TENSORS.items():
        b = raw(dtype, values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(b)]}
        data += b
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(HERE + "golden-python.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


def parse(path):
    blob = open(path, "rb").read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    return header, blob[8 + n:]


def check():
    header, data = parse(HERE + "golden-java.safetensors")
    meta = header.pop("__metadata__")
    assert meta["made_by"] == "shendu Safetensors.writeFile", meta
    assert meta["shendu.data_sha256"] == hashlib.sha256(data).hexdigest(), "checksum"
    assert list(header) == list(TENSORS), list(header)
    end = 0
    for name, (dtype, shape, values) in TENSORS.items():
        e = header[name]
        assert e["dtype"] == dtype and e["shape"] == shape, (name, e)
        b = data[e["data_offsets"][0]:e["data_offsets"][1]]
        assert e["data_offsets"][0] == end, name
        end = e["data_offsets"][1]
        t = torch.frombuffer(bytearray(b), dtype=TORCH[dtype]).reshape(shape)
        expected = torch.tensor(values, dtype=TORCH[dtype]).reshape(shape)
        assert torch.equal(t, expected), (name, t, expected)
    assert end == len(data)
    print("golden-java.safetensors: %d tensors, metadata and checksum match (torch %s)" % (len(TENSORS), torch.__version__))


def anchor(path):
    header, data = parse(path)
    header.pop("__metadata__", None)
    for name, e in header.items():
        b = data[e["data_offsets"][0]:e["data_offsets"][1]]
        t = torch.frombuffer(bytearray(b), dtype=TORCH[e["dtype"]]).reshape(e["shape"])
        flat = t.reshape(-1).double()
        print('"%s", %s, "%s", %r, %r, %r' % (name, e["shape"], hashlib.sha256(b).hexdigest(), flat.sum().item(),
                                            flat[0].item(), flat[-1].item()))


if __name__ == "__main__":
    {"write": write, "check": check}.get(sys.argv[1], lambda: anchor(sys.argv[2]))()
