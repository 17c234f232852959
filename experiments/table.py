#!/usr/bin/env python3
"""Markdown table of experiment runs: runs/NAME/eval.json (superres evaluate --json) and
runs/NAME/log.jsonl (training speed). Usage: experiments/table.py NAME... (from the repository root)."""
import json
import sys
from pathlib import Path


def speed(run: Path):
    """Median images/s of the logged training intervals, and the wall time of the run in minutes."""
    rates, seconds = [], None
    log = run / "log.jsonl"
    if not log.exists():
        return None, None
    for line in log.read_text().splitlines():
        entry = json.loads(line)
        values = entry.get("values", entry)
        if "images_per_s" in values:
            rates.append(values["images_per_s"])
        if "seconds" in values:
            seconds = values["seconds"]
    rates.sort()
    return (rates[len(rates) // 2] if rates else None), (seconds / 60 if seconds else None)


def main(names):
    runs = [Path("runs") / Path(n).name.removesuffix(".json") for n in names]
    columns = []
    for run in runs:
        for r in json.loads((run / "eval.json").read_text())["results"]:
            key = (r["dataset"], r["scale"])
            if key not in columns:
                columns.append(key)
    columns.sort(key=lambda k: (k[1], ["Set5", "Set14", "BSD100"].index(k[0]) if k[0] in ["Set5", "Set14", "BSD100"] else 9))
    head = ["run"] + [f"{d} x{s}" for d, s in columns] + ["img/s", "min"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for run in runs:
        results = {(r["dataset"], r["scale"]): r for r in json.loads((run / "eval.json").read_text())["results"]}
        cells = [run.name]
        for key in columns:
            r = results.get(key)
            cells.append(f"{r['psnr']:.2f} / {r['ssim']:.4f} / {r['hfen']:.3f}" if r else "-")
        rate, minutes = speed(run)
        cells.append(f"{rate:.0f}" if rate else "-")
        cells.append(f"{minutes:.1f}" if minutes else "-")
        print("| " + " | ".join(cells) + " |")
    print("\nCells: PSNR (dB) / SSIM / HFEN on Y, `scale` pixels shaved; img/s: median training throughput.")


if __name__ == "__main__":
    main(sys.argv[1:])
