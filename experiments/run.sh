#!/usr/bin/env bash
# Trains and evaluates experiment configs: for each configs/NAME.json, train into runs/NAME
# (resuming a checkpoint if one is there, skipping training if the model exists), then evaluate
# the model on Set5, Set14 and BSD100 into runs/NAME/eval.json.
#   experiments/run.sh [--scales "2 4"] NAME...
# Run from the repository root; the datasets are read from ../shared/datasets.
set -euo pipefail
scales="2 4"
if [[ "${1:-}" == "--scales" ]]; then scales="$2"; shift 2; fi
[[ $# -gt 0 ]] || { echo "usage: experiments/run.sh [--scales \"2 4\"] CONFIG_NAME..." >&2; exit 2; }
cli=(dotnet "${SUPERRES_CLI:-src/SuperRes.Cli/bin/Release/net10.0/SuperRes.Cli.dll}")
[[ -n "${SUPERRES_CLI:-}" ]] || dotnet build src/SuperRes.Cli -c Release -v q -nologo >/dev/null
data=../shared/datasets
for name in "$@"; do
  name=$(basename "$name" .json)
  out=runs/$name
  if [[ ! -f $out/model.safetensors ]]; then
    resume=()
    [[ -d $out/checkpoint ]] && resume=(--resume)
    "${cli[@]}" train -c "configs/$name.json" --out "$out" "${resume[@]}"
  fi
  scale_args=()
  for s in $scales; do scale_args+=(--scale "$s"); done
  "${cli[@]}" evaluate --model "$out/model.safetensors" --data $data/Set5 $data/Set14 $data/BSD100 "${scale_args[@]}" --json "$out/eval.json"
done
