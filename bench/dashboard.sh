#!/bin/sh
# The dashboard with many monitors: the real server (SQLite) with N TCP monitors (default 10,000,
# in 20 groups, checking PingBase's own port every 60 s), then the time to first byte and total of
# GET / (as a signed-in browser asks: Accept text/html, the owner's API token), the first request
# after the start (cold: recent results and uptimes read from the database) and the next ones
# (warm), a filtered view, the last page, and a monitor's page.
#   bench/dashboard.sh [N] [REQUESTS]     default 10000 monitors, 10 timed requests per view
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-10000}
REQUESTS=${2:-10}
. "$ROOT/bench/lib.sh"
bench_setup 18091
{
  echo "server: { bind: 127.0.0.1, port: $PORT }"
  echo "storage: { type: sqlite, path: \"$DIR/pingbase.db\" }"
  echo "monitors:"
  i=1
  while [ "$i" -le "$N" ]; do
    echo "  - { id: m$i, name: Monitor $i, type: tcp, host: 127.0.0.1, port: $PORT, interval: 60s, group: G$((i % 20)) }"
    i=$((i + 1))
  done
} > "$DIR/pingbase.yml"
bench_start_server
bench_machine
echo "$N monitors; waiting 70 s so that every monitor has checked once"
sleep 70
get() { # path -> "ttfb total bytes"
  curl -fsS -o /dev/null -H "Authorization: Bearer $API_TOKEN" -H 'Accept: text/html' \
    -w '%{time_starttransfer} %{time_total} %{size_download}\n' "http://127.0.0.1:$PORT$1"
}
view() { # name path
  first=$(get "$2")
  rest=$(for r in $(seq 1 "$REQUESTS"); do get "$2"; done | awk '{print $2}' | sort -n)
  median=$(echo "$rest" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  max=$(echo "$rest" | tail -1)
  echo "$1: first $(echo "$first" | awk '{print $2 " s, " $3 " bytes"}'); next $REQUESTS: median $median s, max $max s"
}
view dashboard /
view "group filter" "/?group=G7"
view "text filter" "/?q=Monitor+99"
view "last page" "/?page=$((N / 100))"
view "a monitor" /monitors/m42
