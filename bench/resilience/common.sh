# Shared by the resilience benchmarks: the jar, a fresh schema in database test_resilience, and instances of the
# service on ports 18701.. (this helper's range), each started with `start PORT NAME [DB_PORT]` as the README's
# "Deployment" runs the jar, and killed by pid. Run from anywhere; the jar is rebuilt unless NO_BUILD=1 or JAR=path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" DB="${DB:-test_resilience}"
SCHEMA="bench_$(date +%s)"
LOGS="$(mktemp -d /tmp/factlab-bench.XXXXXX)"
declare -A PIDS=()

jar() {
  ls "$ROOT"/target/fact-lab-*.jar 2>/dev/null | grep -v original | head -1 || true
}
if [ -z "${JAR:-}" ]; then   # JAR=path uses that jar as it is
  if [ "${NO_BUILD:-0}" != 1 ] || [ -z "$(jar)" ]; then (cd "$ROOT" && ./mvnw -q -DskipTests package); fi
  JAR="$(jar)"
fi
psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c "create schema $SCHEMA"
echo "logs in $LOGS, schema $SCHEMA of $DB" >&2

start() { # port name [database port, e.g. a proxy's]
  local port=$1 name=$2 dbport=${3:-$PGPORT}
  # the README's flags: without JavaCPP's ceiling above the heap, factlab.tensor.memory-budget leaves jobs nothing
  OPENBLAS_CORETYPE=Haswell java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=7g \
    -Dorg.bytedeco.javacpp.maxphysicalbytes=10g -jar "$JAR" \
    --spring.profiles.active=postgres --server.port="$port" --spring.datasource.hikari.maximum-pool-size=4 \
    --db-scheduler.scheduler-name="$name" --db-scheduler.heartbeat-interval=2s \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$dbport/$DB?currentSchema=$SCHEMA" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password= --spring.flyway.default-schema="$SCHEMA" \
    >>"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}

await_ready() { # port; start-up takes 20-200 s on 2 cores loaded by other builds
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$1/actuator/health/readiness")" = 200 ] && return 0
    sleep 0.5
  done
  echo "instance on port $1 never became ready (logs in $LOGS)" >&2; return 1
}

stop_all() {   # kill -9: a graceful stop would wait up to 30 s for a running job
  for name in "${!PIDS[@]}"; do kill -9 "${PIDS[$name]}" 2>/dev/null || true; done
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
