#!/usr/bin/env bash
# bench/angles/run.sh readme: the angle job at the speed a user gets from the README's commands, side by side in one
# run. Starts the service (1) exactly as README "Run" says, `./mvnw spring-boot:run`, and (2) as README "Deployment"
# says, `java ... -jar`, each on a port of its own with an in-memory job database; submits the same angle job
# (10,000 x 100, STEPS steps, default 20) over HTTP to each, and prints the median step and the histogram times from the
# job's own timings (AngleTimings in the result), then the ratio. Target: the README's command within 10% of java -jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${STEPS:-20}
port=${PORT:-18100}
log=$(mktemp -d)
pid=
stop() { if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -- "-$pid" 2>/dev/null || kill "$pid"; wait "$pid" 2>/dev/null || true; fi; pid=; }
trap stop EXIT

args="--server.port=$port --spring.datasource.url=jdbc:h2:mem:readme-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"

# One job on the service on $port; prints "<median step s> <histogram before s> <histogram after s> <kernels>".
measure() {
	local name=$1 deadline=$((SECONDS + 300))
	until curl -fs "localhost:$port/actuator/health/readiness" >/dev/null 2>&1; do
		(( SECONDS < deadline )) || { echo "$name: not ready in 300 s; log: $log/$name.log" >&2; return 1; }
		sleep 1
	done
	local location id status
	location=$(curl -fsi "localhost:$port/api/v1/jobs/angle-distribution" -H 'Content-Type: application/json' \
		-d "{\"steps\": $steps}" | tr -d '\r' | sed -n 's/^[Ll]ocation: *//p')
	id=${location##*/}
	while true; do
		status=$(curl -fs "localhost:$port/api/v1/jobs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
		case "$status" in SUCCEEDED) break ;; FAILED|CANCELLED) echo "$name: job $status" >&2; return 1 ;; esac
		(( SECONDS < deadline + 600 )) || { echo "$name: job not done" >&2; return 1; }
		sleep 1
	done
	curl -fs "localhost:$port/api/v1/jobs/$id/result" | python3 -c '
import json, statistics, sys
r = json.load(sys.stdin); t = r["timings"]
print(statistics.median(t["stepSeconds"]), t["histogramBeforeSeconds"], t["histogramAfterSeconds"], r["kernel"])'
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -q -DskipTests package
jar=$(ls target/fact-lab-*.jar | grep -v original | head -1)

# (1) README "Run": the plugin's own JVM options and environment, from pom.xml.
setsid ./mvnw -q spring-boot:run "-Dspring-boot.run.arguments=$args" >"$log/readme.log" 2>&1 &
pid=$!
readme=$(measure readme)
grep -m1 "Kernels:" "$log/readme.log" | sed 's/.*Kernels:/readme kernels:/'
stop

# (2) README "Deployment": java -jar with the options it lists.
OPENBLAS_CORETYPE=Haswell setsid java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=7g \
	-Dorg.bytedeco.javacpp.maxphysicalbytes=10g -jar "$jar" $args >"$log/jar.log" 2>&1 &
pid=$!
jar_result=$(measure jar)
grep -m1 "Kernels:" "$log/jar.log" | sed 's/.*Kernels:/java -jar kernels:/'
stop

python3 - "$steps" "$readme" "$jar_result" <<'PY'
import sys
steps = sys.argv[1]
r = sys.argv[2].split(maxsplit=3); j = sys.argv[3].split(maxsplit=3)
print(f"10,000 x 100, {steps} steps, job timings      | median step | histogram before | histogram after")
print(f"./mvnw spring-boot:run (README Run)      | {float(r[0]):.3f} s     | {float(r[1]):.3f} s          | {float(r[2]):.3f} s")
print(f"java ... -jar (README Deployment)        | {float(j[0]):.3f} s     | {float(j[1]):.3f} s          | {float(j[2]):.3f} s")
ratio = float(r[0]) / float(j[0])
print(f"ratio of median steps, README run / java -jar = {ratio:.2f} (target <= 1.10: {'met' if ratio <= 1.10 else 'missed'})")
print(f"kernels: {r[3]} / {j[3]}")
PY
