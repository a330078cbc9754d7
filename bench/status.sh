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
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
. "$ROOT/.mvn/jdk.sh"
pingbase_find_jdk
[ -f target/pingbase.jar ] || ./mvnw -B -q -DskipTests package
JAVA="$JAVA_HOME/bin/java"
DIR=$(mktemp -d)
PORT=${PORT:-18090}
API_TOKEN="pbt_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c8)_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c32)"
export PINGBASE_OWNER_EMAIL=bench@pingbase.test PINGBASE_OWNER_TOKEN="$API_TOKEN"
{
  echo "server: { bind: 127.0.0.1, port: $PORT }"
  echo "storage: { type: sqlite, path: \"$DIR/pingbase.db\" }"
  echo "monitors:"
  for i in $(seq -w 1 50); do
    echo "  - { id: svc-$i, name: Service $i, type: tcp, host: 127.0.0.1, port: $PORT, interval: 60s, group: Bench }"
  done
} > "$DIR/pingbase.yml"
"$JAVA" -Xmx512m -Xms512m -jar target/pingbase.jar server --config "$DIR/pingbase.yml" > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
for i in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.5
done
api() { curl -fsS -H "Authorization: Bearer $API_TOKEN" -H 'Content-Type: application/json' "$@"; }
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages" -d '{"slug":"bench","title":"Bench",
  "sections":[{"title":"Fifty services","group":"Bench"}]}'
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages/bench/incidents" \
  -d '{"title":"Bench incident","impact":"minor","message":"Open during the benchmark."}'
sleep 5 # the first checks
HTML_BYTES=$(curl -fsS "http://127.0.0.1:$PORT/status/bench" | wc -c)
GZ_BYTES=$(curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/status/bench" | wc -c)
uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1; wrk --version 2>&1 | head -1; date -u
echo "page: 50 monitors, $HTML_BYTES bytes of HTML, $GZ_BYTES gzipped"
# Warm-up: JIT and connections, not measured.
wrk -t2 -c64 -d5s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/status/bench" > /dev/null
wrk -t2 -c64 -d5s "http://127.0.0.1:$PORT/healthz" > /dev/null

run() { # name path [header] -> "name req/s p50 p99"
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency ${3:+-H "$3"} "http://127.0.0.1:$PORT$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$1 req/s=$rps p50=$p50 p99=$p99 non-2xx=${non2xx:-0}"
}
RESULTS="$DIR/results"
for r in $(seq 1 "$RUNS"); do
  run page-gzip /status/bench "Accept-Encoding: gzip" | tee -a "$RESULTS"
  run page-plain /status/bench | tee -a "$RESULTS"
  run json /status/bench/status.json "Accept-Encoding: gzip" | tee -a "$RESULTS"
  run healthz /healthz | tee -a "$RESULTS"
done
# A page whose cache was just refreshed: the cost one reader pays per change (a new incident update).
api -o /dev/null "http://127.0.0.1:$PORT/api/v1/status-pages/bench/incidents/1/updates" \
  -d '{"status":"monitoring","message":"Still watching."}'
BUILD=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/status/bench")
echo "first request after a change (the page is rebuilt): ${BUILD}s"
echo "medians over $RUNS runs (wrk -t2 -c64 -d${SECS}s):"
for name in page-gzip page-plain json healthz; do
  rps=$(grep "^$name " "$RESULTS" | sed 's/.*req\/s=\([0-9.]*\).*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  p99s=$(grep "^$name " "$RESULTS" | sed 's/.*p99=\([^ ]*\).*/\1/' | tr '\n' ' ')
  echo "  $name: req/s $rps; p99 per run: $p99s"
done
