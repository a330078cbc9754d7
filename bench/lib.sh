# Sourced by the wrk and curl benchmarks (pings.sh, status.sh, dashboard.sh): a JDK and the jar, a
# scratch directory with an owner API token for the server, the server started on
# $DIR/pingbase.yml and stopped on exit, the machine's facts, and wrk runs with their medians.
# Expects ROOT and to be in it.

bench_setup() { # default-port
  . "$ROOT/.mvn/jdk.sh"
  pingbase_find_jdk
  [ -f target/pingbase.jar ] || ./mvnw -B -q -DskipTests package
  JAVA="$JAVA_HOME/bin/java"
  DIR=$(mktemp -d)
  PORT=${PORT:-$1}
  # The first owner's API token, given to the server through the environment (docs/CLI.md).
  API_TOKEN="pbt_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c8)_$(LC_ALL=C tr -dc A-Za-z0-9 </dev/urandom | head -c32)"
  export PINGBASE_OWNER_EMAIL=bench@pingbase.test PINGBASE_OWNER_TOKEN="$API_TOKEN"
}

bench_start_server() { # after $DIR/pingbase.yml is written; waits up to 2 minutes for /healthz
  "$JAVA" -Xmx512m -Xms512m -jar target/pingbase.jar server --config "$DIR/pingbase.yml" > "$DIR/server.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "the server did not answer /healthz; its log:" >&2
  tail -20 "$DIR/server.log" >&2
  return 1
}

bench_machine() {
  uname -a; nproc; grep MemTotal /proc/meminfo; "$JAVA" -version 2>&1 | head -1
  if command -v wrk >/dev/null; then wrk --version 2>&1 | head -1; fi
  date -u
}

bench_wrk() { # name path [header] -> "name req/s p50 p99 non-2xx", appended to $DIR/results; uses $CONNS and $SECS
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency ${3:+-H "$3"} "http://127.0.0.1:$PORT$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$1 req/s=$rps p50=$p50 p99=$p99 non-2xx=${non2xx:-0}" | tee -a "$DIR/results"
}

bench_medians() { # name... -> each one's median req/s and p99 per run
  echo "medians over $RUNS runs (wrk -t2 -c$CONNS -d${SECS}s):"
  for name in "$@"; do
    rps=$(grep "^$name " "$DIR/results" | sed 's/.*req\/s=\([0-9.]*\).*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    p99s=$(grep "^$name " "$DIR/results" | sed 's/.*p99=\([^ ]*\).*/\1/' | tr '\n' ' ')
    echo "  $name: req/s $rps; p99 per run: $p99s"
  done
}
