#!/usr/bin/env bash
# Request throughput of a forward pass on michael-jordan against the trivial JSON endpoint GET /api/v1,
# same app, same load (wrk, 64 connections), alternating rounds; prints medians and the ratio (target >= 0.60).
# usage: bench/http/run.sh [rounds] [seconds]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
port=18080
./mvnw -q -DskipTests package
java -jar target/fact-lab-*.jar --server.port=$port --logging.level.root=WARN > target/bench-http.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs localhost:$port/actuator/health/readiness >/dev/null 2>&1 && break
  sleep 1
done
base=http://localhost:$port
# JIT warm-up: throughput still climbs for the first ~40 s of load on 2 cores.
for _ in 1 2; do
  wrk -t2 -c64 -d15s $base/api/v1 >/dev/null
  wrk -t2 -c64 -d15s -s bench/http/forward.lua $base/api/v1/models/michael-jordan/forward >/dev/null
done
trivial=(); forward=(); ratios=()
for r in $(seq 1 "$rounds"); do
  t=$(wrk -t2 -c64 -d${seconds}s $base/api/v1 | awk '/Requests\/sec/ {print $2}')
  f=$(wrk -t2 -c64 -d${seconds}s -s bench/http/forward.lua $base/api/v1/models/michael-jordan/forward \
      | awk '/Requests\/sec/ {print $2}')
  echo "round $r: trivial GET /api/v1 $t req/s, forward michael-jordan $f req/s"
  trivial+=("$t"); forward+=("$f"); ratios+=("$(awk -v f="$f" -v t="$t" 'BEGIN {printf "%.3f", f/t}')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mt=$(median "${trivial[@]}"); mf=$(median "${forward[@]}")
echo "median: trivial $mt req/s, forward $mf req/s, ratio of medians $(awk -v f="$mf" -v t="$mt" 'BEGIN {printf "%.2f", f/t}'), median of per-round ratios $(median "${ratios[@]}") (rounds: ${ratios[*]})"
curl -s -XPOST -H 'Content-Type: application/json' -d @<(awk -F"'" '/wrk.body/ {print $2}' bench/http/forward.lua) \
  $base/api/v1/models/michael-jordan/forward | head -c 200; echo
