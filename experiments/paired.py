#!/usr/bin/env python3
"""Pooled and paired summary of experiment runs against a baseline run, from their eval.json files
(superres evaluate --json): per run, PSNR of Set5/Set14/BSD100 x4, pooled x4/x2 PSNR, and pooled x4
SSIM and HFEN (the edge error, lower is better); against the
baseline, the mean per-image PSNR difference pooled x4, the images it wins and the exact two-sided
sign-test p-value (as `superres evaluate --paired`).
Usage: experiments/paired.py BASELINE RUN... (names of runs/NAME; from the repository root)."""
import json
import math
import sys
from pathlib import Path


def load(name):
    return json.loads((Path("runs") / name / "eval.json").read_text())


def cell(data, dataset, scale):
    """The row of one dataset (or "pooled") at one scale; None if that scale was not evaluated."""
    rows = data["results"] + data["pooled"]
    return next((r for r in rows if r["dataset"].startswith(dataset) and r["scale"] == scale), None)


def sign_p(wins, losses):
    n, k = wins + losses, min(wins, losses)
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def main(baseline, runs):
    base = load(baseline)
    base_images = {i["name"]: i["psnr"] for i in cell(base, "pooled", 4)["images"]}
    print("| run | Set5 x4 | Set14 x4 | BSD100 x4 | pooled x4 | pooled x2 | SSIM / HFEN pooled x4 | Δ pooled x4 vs baseline | wins/119 | sign p |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in [baseline] + runs:
        data = load(name)
        x4 = cell(data, "pooled", 4)
        cells = [f"{cell(data, d, 4)['psnr']:.2f}" for d in ("Set5", "Set14", "BSD100")]
        diffs = [i["psnr"] - base_images[i["name"]] for i in x4["images"]]
        wins = sum(d > 1e-6 for d in diffs)
        losses = sum(d < -1e-6 for d in diffs)
        delta = sum(diffs) / len(diffs)
        x2 = f"{cell(data, 'pooled', 2)['psnr']:.3f}" if cell(data, 'pooled', 2) else "-"
        tail = "baseline | | |" if name == baseline else f"{delta:+.3f} | {wins} | {sign_p(wins, losses):.2g} |"
        print(f"| {name} | {' | '.join(cells)} | {x4['psnr']:.3f} | {x2} | {x4['ssim']:.4f} / {x4['hfen']:.4f} | {tail}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
