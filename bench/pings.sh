#!/bin/sh
# Heartbeat ping throughput and latency with wrk on loopback, against the real server (SQLite),
# with /healthz and an unknown-token 404 through the same server as baselines, and an
# authenticated API read (GET /api/v1/monitors/bench with an API token), runs alternating.
#   bench/pings.sh [RUNS] [SECONDS]     default 3 runs of 20 s each per endpoint, wrk -t2 -c32
# Needs wrk (apt-get install -y wrk); prints one line per run and the medians.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${1:-3}
SECS=${2:-20}
CONNS=32
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
. "$ROOT/bench/lib.sh"
bench_setup 18089
TOKEN=benchTokenAbcdefghijklmnop
cat > "$DIR/pingbase.yml" <<YAML
server: { bind: 127.0.0.1, port: $PORT }
storage: { type: sqlite, path: "$DIR/pingbase.db" }
monitors:
  - { id: bench, name: Bench heartbeat, type: heartbeat, period: 1m, grace: 1m, token: $TOKEN }
YAML
bench_start_server
bench_machine
# Warm-up: JIT and connection pools, not measured.
for path in "/ping/$TOKEN" /healthz; do wrk -t2 -c32 -d5s "http://127.0.0.1:$PORT$path" > /dev/null; done
wrk -t2 -c32 -d5s -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$PORT/api/v1/monitors/bench" > /dev/null

for r in $(seq 1 "$RUNS"); do
  bench_wrk ping "/ping/$TOKEN"
  bench_wrk healthz /healthz
  bench_wrk unknown /ping/unknownTokenAbcdefghijklm
  bench_wrk api /api/v1/monitors/bench "Authorization: Bearer $API_TOKEN"
done
PINGS=$(curl -fsS -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$PORT/api/v1/monitors/bench" \
  | sed 's/.*"status":"\([A-Z]*\)".*/\1/')
echo "monitor state after the runs: $PINGS"
bench_medians ping healthz unknown api
