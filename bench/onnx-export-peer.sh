#!/usr/bin/env bash
# ONNX Runtime on two exports of the same LapSRN x4 weights: ours (`superres export`, the same
# bytes `superres bench` exports in memory) and PyTorch's (torch.onnx.export of the LapSRN in
# bench/torch/lapsrn_bench.py). Same process, same session options as the bench peer, 2 threads,
# 2 warm-up runs, best of 3, interleaved. Shapes: width 64 depth 10 (the bench network, seed 2)
# on 256x256, and the built-in model (width 32 depth 5) on 361x250 (comic.png's Y plane).
#
# Usage: bench/onnx-export-peer.sh [OUT_DIR] [THREADS]   (Debian's python3-torch for the PyTorch export)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/superres-onnx-export-peer}
threads=${2:-2}
mkdir -p "$out/optimized"
dotnet build bench/SuperRes.Benchmarks -c Release -v quiet -nologo >/dev/null
peer() { dotnet bench/SuperRes.Benchmarks/bin/Release/net10.0/SuperRes.Benchmarks.dll --onnx-peer "$@"; }

peer save 64 10 "$out/w64d10.safetensors"
cp src/SuperRes/Models/BuiltIn/default.safetensors "$out/w32d5.safetensors"
for net in w64d10 w32d5; do
  peer export "$out/$net.safetensors" "$out/${net}_ours.onnx"
  /usr/bin/python3 bench/torch/export_lapsrn_onnx.py "$out/$net.safetensors" "$out/${net}_torch.onnx"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
peer time 256x256 "$out/w64d10_ours.onnx" "$out/w64d10_torch.onnx" --threads "$threads" --optimized "$out/optimized"
peer time 361x250 "$out/w32d5_ours.onnx" "$out/w32d5_torch.onnx" --threads "$threads" --optimized "$out/optimized"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
