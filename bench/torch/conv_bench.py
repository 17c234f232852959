"""PyTorch peer of ConvBenchmark: conv2d 3x3 pad 1 (64->64, and 32->32 for narrow networks), forward and backward (data + weights),
best of several runs, NCHW and channels_last. Prints one JSON object.

Usage: /usr/bin/python3 bench/torch/conv_bench.py [repeats] [threads]
(Debian's python3-torch; `apt-get install -y python3-torch`.)
"""
import json
import sys
import time

import torch

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)

# The shapes of ConvBenchmark.StandardShapes: batch, in channels, height, width, out channels.
shapes = [(1, 64, 256, 256, 64), (16, 64, 64, 64, 64), (1, 32, 256, 256, 32), (1, 32, 512, 512, 32)]
results = []
for n, c, h, w, out in shapes:
    flops = 2.0 * n * out * h * w * c * 9
    for layout in ("nchw", "channels_last"):
        fmt = torch.channels_last if layout == "channels_last" else torch.contiguous_format
        x = torch.randn(n, c, h, w).to(memory_format=fmt).requires_grad_(True)
        conv = torch.nn.Conv2d(c, out, 3, padding=1).to(memory_format=fmt)
        best_f = best_b = float("inf")
        for r in range(repeats + 1):
            t0 = time.perf_counter()
            y = conv(x)
            t1 = time.perf_counter()
            gy = torch.ones_like(y)
            t2 = time.perf_counter()
            torch.autograd.backward(y, gy)
            t3 = time.perf_counter()
            x.grad = None
            conv.zero_grad(set_to_none=True)
            if r == 0:
                continue  # warm-up
            best_f = min(best_f, t1 - t0)
            best_b = min(best_b, t3 - t2)
        results.append({
            "shape": f"{n}x{c}x{h}x{w} k3x3->{out}", "layout": layout, "threads": threads,
            "forward_ms": best_f * 1e3, "backward_ms": best_b * 1e3,
            "forward_gflops": flops / best_f / 1e9, "backward_gflops": 2 * flops / best_b / 1e9,
        })
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}, indent=1))
