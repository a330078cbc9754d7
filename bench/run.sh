#!/bin/sh
# PingBase benchmarks, loopback only. See docs/BENCHMARKS.md for what each prints.
#   bench/run.sh scale 10000 180     N monitors every 60 s, measured for 180 s (after warm-up)
#   bench/run.sh saturate 10000 120  N monitors every 1 s: the checks/s PingBase sustains
#   bench/run.sh baseline 60         raw non-blocking connects for 60 s: the machine's ceiling
#   bench/run.sh pings [RUNS] [S]    heartbeat /ping throughput and p99 with wrk (bench/pings.sh)
#   bench/status.sh [RUNS] [S]       a 50-monitor status page's throughput and p99 with wrk
#   bench/dashboard.sh [N] [R]       the dashboard's render times with N monitors (default 10000)
#   bench/run.sh scale-http 10000 180     the same with http monitors (GET + a JSON assertion)
#   bench/run.sh saturate-http 10000 120  against the farm's HTTP listeners
#   bench/run.sh all                 baseline, saturate 10000 and 20000, baseline again,
#                                    scale 1000/10000/100000 (about 25 minutes)
#   bench/run.sh storm [N] [L]       N monitors (default 2000) over L listeners lose their service at
#                                    once: time until every monitor is alerted, digests, duplicates
#   bench/run.sh alerts [CYCLES]     outage-to-alert latency: a TCP monitor and a webhook channel,
#                                    CYCLES outages of the monitored listener (default 30, about
#                                    2 minutes; bench/AlertLatencyBench.java)
#   bench/run.sh http                baseline, saturate 10000 tcp, saturate-http 10000,
#                                    baseline again, scale-http 1000/10000 (about 17 minutes)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [ "${1:-}" = pings ]; then shift; exec "$ROOT/bench/pings.sh" "$@"; fi
. "$ROOT/.mvn/jdk.sh"
pingbase_find_jdk
./mvnw -B -q -DskipTests package
JAVA="$JAVA_HOME/bin/java"
if [ "${1:-}" = storm ]; then
  uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1; date -u; uptime
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  exec "$JAVA" -Xmx512m bench/AlertStormBench.java "${2:-2000}" "${3:-20}"
fi
if [ "${1:-}" = alerts ]; then
  uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1; date -u; uptime
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  exec "$JAVA" -Xmx256m bench/AlertLatencyBench.java "${2:-30}"
fi
BENCH="$JAVA -Xmx256m bench/ScaleBench.java"

$BENCH farm > bench/farm.log 2>&1 &
FARM=$!
trap 'kill $FARM 2>/dev/null || true' EXIT INT TERM
for i in $(seq 60); do grep -q "farm ready" bench/farm.log && break; sleep 1; done  # compiling takes a while
grep -q "farm ready" bench/farm.log || { cat bench/farm.log; exit 1; }

uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1; date -u
case "${1:-}" in
  all)
    $BENCH baseline 60
    $BENCH saturate 10000 120
    $BENCH saturate 20000 120
    $BENCH baseline 60
    for n in 1000 10000 100000; do $BENCH scale $n 180; done
    ;;
  http)
    $BENCH baseline 60
    $BENCH saturate 10000 120
    $BENCH saturate-http 10000 120
    $BENCH baseline 60
    for n in 1000 10000; do $BENCH scale-http $n 180; done
    ;;
  *) $BENCH "$@" ;;
esac
