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
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
. "$ROOT/.mvn/jdk.sh"
pingbase_find_jdk
[ -f target/pingbase.jar ] || ./mvnw -B -q -DskipTests package
JAVA="$JAVA_HOME/bin/java"
DIR=$(mktemp -d)
TOKEN=benchTokenAbcdefghijklmnop
PORT=${PORT:-18089}
# The first owner's API token, given to the server through the environment (docs/CLI.md).
API_TOKEN="pbt_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c8)_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c32)"
export PINGBASE_OWNER_EMAIL=bench@pingbase.test PINGBASE_OWNER_TOKEN="$API_TOKEN"
cat > "$DIR/pingbase.yml" <<YAML
server: { bind: 127.0.0.1, port: $PORT }
storage: { type: sqlite, path: "$DIR/pingbase.db" }
monitors:
  - { id: bench, name: Bench heartbeat, type: heartbeat, period: 1m, grace: 1m, token: $TOKEN }
YAML
"$JAVA" -Xmx512m -Xms512m -jar target/pingbase.jar server --config "$DIR/pingbase.yml" > "$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
for i in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
  sleep 0.5
done
uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1; wrk --version 2>&1 | head -1; date -u
# Warm-up: JIT and connection pools, not measured.
for path in "/ping/$TOKEN" /healthz; do wrk -t2 -c32 -d5s "http://127.0.0.1:$PORT$path" > /dev/null; done
wrk -t2 -c32 -d5s -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$PORT/api/v1/monitors/bench" > /dev/null

run() { # name path [header] -> "name req/s p99"
  out=$(wrk -t2 -c32 -d"${SECS}s" --latency ${3:+-H "$3"} "http://127.0.0.1:$PORT$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$1 req/s=$rps p50=$p50 p99=$p99 non-2xx=${non2xx:-0}"
}
RESULTS="$DIR/results"
for r in $(seq 1 "$RUNS"); do
  run ping "/ping/$TOKEN" | tee -a "$RESULTS"
  run healthz /healthz | tee -a "$RESULTS"
  run unknown /ping/unknownTokenAbcdefghijklm | tee -a "$RESULTS"
  run api /api/v1/monitors/bench "Authorization: Bearer $API_TOKEN" | tee -a "$RESULTS"
done
PINGS=$(curl -fsS -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$PORT/api/v1/monitors/bench" \
  | sed 's/.*"status":"\([A-Z]*\)".*/\1/')
echo "monitor state after the runs: $PINGS"
echo "medians over $RUNS runs (wrk -t2 -c32 -d${SECS}s):"
for name in ping healthz unknown api; do
  rps=$(grep "^$name " "$RESULTS" | sed 's/.*req\/s=\([0-9.]*\).*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  p99s=$(grep "^$name " "$RESULTS" | sed 's/.*p99=\([^ ]*\).*/\1/' | tr '\n' ' ')
  echo "  $name: req/s $rps; p99 per run: $p99s"
done
