"""Exports one of our LapSRN x4 model files (.safetensors) to ONNX the way a PyTorch user would:
the PyTorch LapSRN of lapsrn_bench.py, the same weights loaded into it, torch.onnx.export with
dynamic height and width and both levels' images as outputs (x2 first, as the module returns them
and as `superres export` writes them). Used by bench/onnx-export-peer.sh to time ONNX Runtime on
PyTorch's export beside ours.

Usage: /usr/bin/python3 bench/torch/export_lapsrn_onnx.py MODEL.safetensors OUT.onnx [OPSET]
(Debian's python3-torch; the onnx Python package is not needed.)
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lapsrn_bench import LapSrn  # noqa: E402


def read_safetensors(path):
    """Our model files: 8-byte little-endian header length, JSON header, raw little-endian F32 tensors."""
    with open(path, "rb") as f:
        length = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(length))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=torch.float32).reshape(entry["shape"])
    return metadata, tensors


def torch_name(ours):
    """Our names equal the module's except the level convs: ours count convs only, the module's
    Sequential interleaves LeakyReLU, so our convs.k is its convs.(2k)."""
    parts = ours.split(".")
    if len(parts) == 5 and parts[0] == "levels" and parts[2] == "convs":
        parts[3] = str(2 * int(parts[3]))
    return ".".join(parts)


def main():
    source, target = sys.argv[1], sys.argv[2]
    opset = int(sys.argv[3]) if len(sys.argv) > 3 else 17
    metadata, ours = read_safetensors(source)
    if metadata.get("architecture") != "lapsrn":
        raise SystemExit(f"{source}: architecture {metadata.get('architecture')!r}, expected lapsrn")
    options = json.loads(metadata["options"])
    if options.get("Scale") != 4 or options.get("Channels", 1) != 1 or abs(options.get("LeakySlope", 0.2) - 0.2) > 1e-9:
        raise SystemExit(f"{source}: options {options}; this script exports LapSRN x4, 1 channel, slope 0.2")
    model = LapSrn(options["Width"], options["Depth"])
    state = {torch_name(k): v for k, v in ours.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"{source}: missing {missing}, unexpected {unexpected}")
    model.eval()
    dynamic = {"input": {0: "n", 2: "height", 3: "width"},
               "x2": {0: "n", 2: "height*2", 3: "width*2"}, "x4": {0: "n", 2: "height*4", 3: "width*4"}}
    with torch.no_grad():
        torch.onnx.export(model, torch.rand(1, 1, 32, 40), target, opset_version=opset,
                          input_names=["input"], output_names=["x2", "x4"], dynamic_axes=dynamic)
    print(json.dumps({"torch": torch.__version__, "opset": opset, "width": options["Width"], "depth": options["Depth"], "onnx": target}))


if __name__ == "__main__":
    main()
