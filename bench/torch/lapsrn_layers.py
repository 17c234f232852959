"""Per-layer PyTorch profile of LapSRN x4, beside `dotnet run -c Release --project
bench/SuperRes.Benchmarks -- --layers`: (1) inference, each layer timed alone at its real shape
(best of 3 after a warm-up), under the same row names as ours; (2) one training step (the
lapsrn_bench.py step: Charbonnier at both levels, Adam) under torch.profiler, its self CPU time
summed by operator (convolutions also by their first input's shape). Prints one JSON object.

Usage: /usr/bin/python3 bench/torch/lapsrn_layers.py SIZE WIDTH DEPTH THREADS BATCH PATCH
"""
import json
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

from lapsrn_bench import LapSrn, train_step


def best_ms(run, repeats=3):
    run()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def infer_layers(size, width, depth):
    rows = []
    conv_in = nn.Conv2d(1, width, 3, padding=1)
    conv = nn.Conv2d(width, width, 3, padding=1)
    upconv = nn.ConvTranspose2d(width, width, 3, stride=2)
    residual = nn.Conv2d(width, 1, 3, padding=1)
    image_up = nn.ConvTranspose2d(1, 1, 4, stride=2, padding=1, bias=False)
    with torch.no_grad():
        x = torch.rand(1, 1, size, size) * 2 - 1
        rows.append(("input conv 1->w + leaky", best_ms(lambda: F.leaky_relu(conv_in(x), 0.2))))
        for level in range(2):
            s = size << level
            at = f" @{s}"
            f = torch.rand(1, width, s, s) * 2 - 1
            rows.append((f"{depth} x conv w->w + leaky{at}", depth * best_ms(lambda: F.leaky_relu(conv(f), 0.2))))
            rows.append((f"transposed conv w->w s2 + crop + leaky{at}", best_ms(lambda: F.leaky_relu(upconv(f)[:, :, :-1, :-1], 0.2))))
            f2 = torch.rand(1, width, 2 * s, 2 * s) * 2 - 1
            rows.append((f"residual conv w->1{at} x2", best_ms(lambda: residual(f2))))
            image = torch.rand(1, 1, s, s)
            rows.append((f"image upconv 1->1 k4 s2{at}", best_ms(lambda: image_up(image))))
            a = torch.rand(1, 1, 2 * s, 2 * s)
            rows.append((f"add image + residual{at} x2", best_ms(lambda: a + a)))
    return [{"name": n, "ms": ms} for n, ms in rows]


def train_ops(width, depth, batch, patch):
    model = LapSrn(width, depth)
    step = train_step(model, batch, patch)

    step()  # warm-up
    t0 = time.perf_counter()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) as prof:
        step()
    wall = (time.perf_counter() - t0) * 1e3

    def name(e):
        # The first input's shape tells the convolutions apart (e.g. the transposed convs' backward).
        shapes = [s for s in e.input_shapes if s]
        return f"{e.key} {shapes[0]}" if shapes and e.key.startswith("aten::conv") else e.key

    ops = {}
    for e in prof.key_averages(group_by_input_shape=True):
        o = ops.setdefault(name(e), {"name": name(e), "self_ms": 0.0, "calls": 0})
        o["self_ms"] += e.self_cpu_time_total / 1e3
        o["calls"] += e.count
    ops = ops.values()
    ops = sorted((o for o in ops if o["self_ms"] > 0), key=lambda o: -o["self_ms"])
    return wall, ops


def main():
    size, width, depth, threads, batch, patch = (int(a) for a in sys.argv[1:7])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    layers = infer_layers(size, width, depth)
    wall, ops = train_ops(width, depth, batch, patch)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "infer_layers": layers,
                      "train_step_profiled_ms": wall, "train_ops": ops}))


if __name__ == "__main__":
    main()
