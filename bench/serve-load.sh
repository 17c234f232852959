#!/usr/bin/env bash
# Load test of `superres serve` on loopback, as a client program would use it: REQUESTS POSTs of
# IMAGE to /api/upscale, CONCURRENCY at a time, against a server whose queue holds QUEUE jobs.
# Prints the answers by status, latency percentiles and the server's peak and final memory (RSS).
# RETRY=1 makes each client retry a 503 after the Retry-After the server sent; latency then counts
# from the first try.
# Bounded: a fixed number of requests, each with a 600 s limit; the server is stopped at the end.
#   bench/serve-load.sh [IMAGE] [REQUESTS] [CONCURRENCY] [QUEUE] [SCALE]
set -euo pipefail
cd "$(dirname "$0")/.."
image=${1:-../shared/datasets/Set5/bird.png}
requests=${2:-200}
concurrency=${3:-8}
queue=${4:-8}
scale=${5:-2}
port=${PORT:-5099}
url="http://127.0.0.1:$port"

dotnet build src/SuperRes.Cli -c Release -v q -nologo >/dev/null
work=$(mktemp -d)
dotnet src/SuperRes.Cli/bin/Release/net10.0/SuperRes.Cli.dll serve --urls "$url" --queue "$queue" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "$url/api/models" >/dev/null && break; sleep 0.2; done
rss() { awk -v k="$1" '$1 == k":" { print int($2 / 1024) }' "/proc/$server/status"; }
curl -sf --data-binary @"$image" "$url/api/upscale?scale=$scale" -o /dev/null   # warm-up: JIT, the model's probe
echo "server after warm-up: RSS $(rss VmRSS) MiB"

# One request: its status, its seconds from first try to answer, and how many 503s it retried after.
one() {
  local start tries=0 out code wait
  start=$(date +%s.%N)
  while :; do
    out=$(curl -s -o /dev/null --max-time 600 -w '%{http_code} %header{retry-after}' \
      --data-binary @"$image" "$url/api/upscale?scale=$scale")
    code=${out%% *}; wait=${out#* }
    if [ "$code" != 503 ] || [ "${RETRY:-0}" != 1 ] || [ "$tries" -ge 1000 ]; then break; fi
    tries=$((tries + 1)); sleep "${wait:-1}"
  done
  echo "$code $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }') $tries"
}
export -f one
export image url scale RETRY
start=$(date +%s.%N)
seq "$requests" | xargs -P "$concurrency" -I{} bash -c one > "$work/results"
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

echo "$requests requests of $(basename "$image") x$scale, $concurrency at a time, queue $queue: $elapsed s"
awk '{ n[$1]++; r += $3 } END { for (c in n) printf "  HTTP %s: %d\n", c, n[c]; printf "  retries after 503: %d\n", r }' "$work/results" | sort
for code in 200 503; do
  sort -k2 -g "$work/results" | awk -v c="$code" '$1 == c { t[n++] = $2 } END {
    if (n) printf "  latency of %s: p50 %.2f s, p95 %.2f s, max %.2f s\n", c, t[int(n * 0.5)], t[int(n * 0.95)], t[n - 1] }'
done
curl -s "$url/api/status"; echo
echo "server peak RSS $(rss VmHWM) MiB, now $(rss VmRSS) MiB"
