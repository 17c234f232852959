"""PyTorch peer of `superres bench`: a LapSRN-x4-sized training step (Charbonnier loss at both
levels, Adam) and LapSRN x4 inference on an n x n Y image, with the shapes given on the command
line (the C# side passes its own). Best of several runs after a warm-up. Prints one JSON object.

Usage: /usr/bin/python3 bench/torch/lapsrn_bench.py train|infer WIDTH DEPTH BATCH PATCH SIZE REPEATS THREADS
(Debian's python3-torch; `apt-get install -y python3-torch`.)
"""
import json
import sys
import time

import torch
from torch import nn


class Level(nn.Module):
    """One x2 level as in Lai et al. 2017 (and src/SuperRes/Models/LapSrnLevel.cs)."""

    def __init__(self, width, depth):
        super().__init__()
        layers = []
        for _ in range(depth):
            layers += [nn.Conv2d(width, width, 3, padding=1), nn.LeakyReLU(0.2)]
        self.convs = nn.Sequential(*layers)
        self.upconv = nn.ConvTranspose2d(width, width, 3, stride=2)
        self.residual = nn.Conv2d(width, 1, 3, padding=1)
        self.image_up = nn.ConvTranspose2d(1, 1, 4, stride=2, padding=1, bias=False)

    def forward(self, features, image):
        f = self.convs(features)
        f = nn.functional.leaky_relu(self.upconv(f)[:, :, :-1, :-1], 0.2)  # MatConvNet crop [0 1 0 1]
        return f, self.image_up(image) + self.residual(f)


class LapSrn(nn.Module):
    def __init__(self, width, depth, levels=2):
        super().__init__()
        self.input_conv = nn.Conv2d(1, width, 3, padding=1)
        self.levels = nn.ModuleList(Level(width, depth) for _ in range(levels))

    def forward(self, x):
        f, image, outputs = nn.functional.leaky_relu(self.input_conv(x), 0.2), x, []
        for level in self.levels:
            f, image = level(f, image)
            outputs.append(image)
        return outputs


def charbonnier(a, b, eps=1e-3):
    return torch.sqrt((a - b) ** 2 + eps * eps).mean()


def train_step(model, batch, patch):
    """One Adam step (lr 1e-4) of the Charbonnier loss at both levels on fixed random patches."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    lr, x2, x4 = torch.rand(batch, 1, patch, patch), torch.rand(batch, 1, 2 * patch, 2 * patch), torch.rand(batch, 1, 4 * patch, 4 * patch)

    def step():
        opt.zero_grad()
        out = model(lr)
        loss = charbonnier(out[0], x2) + charbonnier(out[1], x4)
        loss.backward()
        opt.step()

    return step


def best_of(repeats, run):
    best = float("inf")
    for r in range(repeats + 1):
        t0 = time.perf_counter()
        run()
        if r > 0 or repeats == 0:
            best = min(best, time.perf_counter() - t0)
    return best


def main():
    mode = sys.argv[1]
    width, depth, batch, patch, size, repeats, threads = (int(a) for a in sys.argv[2:9])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = LapSrn(width, depth)
    if mode == "train":
        step = train_step(model, batch, patch)
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "train_step_ms": best_of(repeats, step) * 1e3}))
    else:
        image = torch.rand(1, 1, size, size)
        model.eval()

        def infer():
            with torch.no_grad():
                model(image)

        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "lapsrn_x4_256_seconds": best_of(repeats, infer)}))


if __name__ == "__main__":
    main()
