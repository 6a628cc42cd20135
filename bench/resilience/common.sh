# Shared by the resilience benchmarks: the jar, a fresh schema in database test_resilience, and instances of the
# service on ports 18501.. (the resilience range), each started with `start PORT NAME [DB_PORT]` and killed by pid.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" DB="${DB:-test_resilience}"
SCHEMA="bench_$(date +%s)"
LOGS="$(mktemp -d /tmp/factlab-bench.XXXXXX)"
declare -A PIDS=()

jar() {
  ls "$ROOT"/target/fact-lab-*.jar 2>/dev/null | grep -v original | head -1 || true
}
if [ -z "$(jar)" ]; then (cd "$ROOT" && ./mvnw -q -DskipTests package); fi
JAR="$(jar)"
psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c "create schema $SCHEMA"

start() { # port name [database port, e.g. a proxy's]
  local port=$1 name=$2 dbport=${3:-$PGPORT}
  java -Xmx1g -jar "$JAR" --spring.profiles.active=postgres --server.port="$port" \
    --db-scheduler.scheduler-name="$name" --db-scheduler.heartbeat-interval=2s \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$dbport/$DB?currentSchema=$SCHEMA" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password= --spring.flyway.default-schema="$SCHEMA" \
    >>"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}

await_ready() { # port
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$1/actuator/health/readiness")" = 200 ] && return 0
    sleep 0.5
  done
  echo "instance on port $1 never became ready (logs in $LOGS)" >&2; return 1
}

stop_all() {
  for name in "${!PIDS[@]}"; do kill "${PIDS[$name]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c "drop schema if exists $SCHEMA cascade" || true
}
trap stop_all EXIT

submit() { # port json -> job id
  curl -s -H 'Content-Type: application/json' -d "$2" "localhost:$1/api/v1/jobs/angle-distribution" | jq -r .id
}

status() { # port id
  curl -s "localhost:$1/api/v1/jobs/$2" | jq -r .status
}

result() { # port id -> what a run computes (no timings)
  curl -s "localhost:$1/api/v1/jobs/$2/result" | jq -c '{spec, before, after, lossCurve}'
}
