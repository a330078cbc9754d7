#!/bin/sh
# Status page throughput and latency with wrk on loopback, against the real server (SQLite): a
# public page of 50 TCP monitors (checking PingBase's own port, every 60 s) with an open
# incident, as HTML (gzipped, as browsers ask), as HTML without compression, as JSON, and
# /healthz through the same server as the baseline; runs alternate.
#   bench/status.sh [RUNS] [SECONDS]     default 3 runs of 20 s each per endpoint, wrk -t2 -c64
# Needs wrk (apt-get install -y wrk); prints one line per run and the medians.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${1:-3}
SECS=${2:-20}
CONNS=64
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
. "$ROOT/bench/lib.sh"
bench_setup 18090
{
  echo "server: { bind: 127.0.0.1, port: $PORT }"
  echo "storage: { type: sqlite, path: \"$DIR/pingbase.db\" }"
  echo "monitors:"
  for i in $(seq -w 1 50); do
    echo "  - { id: svc-$i, name: Service $i, type: tcp, host: 127.0.0.1, port: $PORT, interval: 60s, group: Bench }"
  done
} > "$DIR/pingbase.yml"
bench_start_server
api() { curl -fsS -H "Authorization: Bearer $API_TOKEN" -H 'Content-Type: application/json' "$@"; }
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages" -d '{"slug":"bench","title":"Bench",
  "sections":[{"title":"Fifty services","group":"Bench"}]}'
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages/bench/incidents" \
  -d '{"title":"Bench incident","impact":"minor","message":"Open during the benchmark."}'
sleep 5 # the first checks
HTML_BYTES=$(curl -fsS "http://127.0.0.1:$PORT/status/bench" | wc -c)
GZ_BYTES=$(curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/status/bench" | wc -c)
bench_machine
echo "page: 50 monitors, $HTML_BYTES bytes of HTML, $GZ_BYTES gzipped"
# Warm-up: JIT and connections, not measured.
wrk -t2 -c64 -d5s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/status/bench" > /dev/null
wrk -t2 -c64 -d5s "http://127.0.0.1:$PORT/healthz" > /dev/null

for r in $(seq 1 "$RUNS"); do
  bench_wrk page-gzip /status/bench "Accept-Encoding: gzip"
  bench_wrk page-plain /status/bench
  bench_wrk json /status/bench/status.json "Accept-Encoding: gzip"
  bench_wrk healthz /healthz
done
# A page whose cache was just refreshed: the cost one reader pays per change (a new incident update).
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages/bench/incidents/1/updates" \
  -d '{"status":"monitoring","message":"Still watching."}'
BUILD=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/status/bench")
echo "first request after a change (the page is rebuilt): ${BUILD}s"
bench_medians page-gzip page-plain json healthz
