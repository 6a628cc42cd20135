#!/usr/bin/env bash
# Soak: the jar as the README's "Deployment" runs it, under four wrk loads at once for SOAK_SECONDS (default 600)
# after WARMUP_SECONDS (default 180: the heap sizes itself up in the first minutes) of the same load: the michael-jordan forward pass, a forward pass of 8 raw tokens
# through a random mid-size model (dModel 512, 2,048 neurons), a parameter preset (GET) and a parameter count (POST).
# Rate limits are raised for the run (factlab.rate.expensive-calls: one client, 127.0.0.1, sends everything).
# Required: zero non-2xx answers and zero socket errors (wrk gives up on an answer after 30 s). Prints p50/p99 per
# endpoint, and the resident memory (VmRSS of /proc/<pid>/status) after the warm-up, every 30 s (with the heap,
# non-heap and off-heap figures of /actuator/prometheus) and at the end: growth must stay under 5%.
# usage: bash bench/soak/run.sh   (needs wrk: apt-get install wrk; port 18710; NO_BUILD=1 keeps target/'s jar,
# JAR=path uses that one)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SOAK_SECONDS=${SOAK_SECONDS:-600} WARMUP_SECONDS=${WARMUP_SECONDS:-180} PORT=${PORT:-18710}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
if [ -z "${JAR:-}" ]; then   # JAR=path uses that jar as it is
  if [ "${NO_BUILD:-0}" != 1 ]; then (cd "$ROOT" && ./mvnw -q -DskipTests package); fi
  JAR=$(ls "$ROOT"/target/fact-lab-*.jar | grep -v original | head -1)
fi
WORK=$(mktemp -d /tmp/factlab-soak.XXXXXX)
cd "$WORK"   # the embedded database goes to ./data here
OPENBLAS_CORETYPE=Haswell java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=7g \
  -Dorg.bytedeco.javacpp.maxphysicalbytes=10g -jar "$JAR" --server.port=$PORT --logging.level.root=WARN \
  --factlab.rate.expensive-calls=1000000000 > app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true' EXIT
base=http://localhost:$PORT
for i in $(seq 1 1200); do   # start-up takes 20-300 s on 2 cores loaded by other builds
  [ "$(curl -s -o /dev/null -w '%{http_code}' $base/actuator/health/readiness)" = 200 ] && break
  [ "$i" = 1200 ] && { echo "the service never became ready: $WORK/app.log" >&2; exit 1; }
  sleep 0.5
done
rss() { awk '/VmRSS/ {print $2}' /proc/$app/status; }   # kB
# what the RSS holds, from Micrometer: the Java heap committed and used, non-heap committed (metaspace, code cache),
# and JavaCPP's count of ND4J's off-heap bytes, in MB
jvm() {
  curl -s $base/actuator/prometheus | awk '
    /^jvm_memory_committed_bytes\{.*area="heap"/ {hc += $NF} /^jvm_memory_used_bytes\{.*area="heap"/ {hu += $NF}
    /^jvm_memory_committed_bytes\{.*area="nonheap"/ {nc += $NF} /^factlab_offheap_allocated_bytes/ {off += $NF}
    END {printf "heap %d/%d nonheap %d offheap %d", hu / 2^20, hc / 2^20, nc / 2^20, off / 2^20}'
}

curl -sf $base/api/v1/models -H 'Content-Type: application/json' \
  -d '{"id": "soak-mid", "activation": "gelu", "random": {"dModel": 512, "neurons": 2048, "seed": 1}}' >/dev/null
tokens=$(awk 'BEGIN {srand(3); for (t = 0; t < 8; t++) {printf "%s[", t ? "," : ""; for (i = 0; i < 512; i++)
  printf "%s%.4f", i ? "," : "", rand() * 2 - 1; printf "]"}}')
request() { # name method path body
  { cat "$ROOT/bench/soak/non2xx.lua"
    printf 'wrk.method = "%s"\nwrk.path = "%s"\n' "$2" "$3"
    [ -z "$4" ] || printf 'wrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[%s]==]\n' "$4"
  } > "$1.lua"
  # what each endpoint answers before the load: it must be a 200
  local code
  code=$(curl -s -o "$1.first" -w '%{http_code}' -X "$2" -H 'Content-Type: application/json' ${4:+-d "$4"} "$base$3")
  [ "$code" = 200 ] || { echo "$2 $3 answered $code: $(head -c 300 "$1.first")" >&2; exit 1; }
}
request mj POST /api/v1/models/michael-jordan/forward "$(awk -F"'" '/wrk.body/ {print $2}' "$ROOT/bench/http/forward.lua")"
request mid POST /api/v1/models/soak-mid/forward "{\"tokens\": [$tokens]}"
request preset GET /api/v1/parameters/presets/gpt3-175b ""
request count POST /api/v1/parameters '{"vocab": 32000, "context": 4096, "dModel": 4096, "layers": 32, "heads": 32, "dFf": 11008, "mlp": "gated", "attentionBias": false, "mlpBias": false, "norm": "rmsnorm", "position": "none", "tiedEmbeddings": false}'

load() { # seconds suffix
  local pids=()
  wrk -t1 -c8 -d"$1"s --latency --timeout 30s -s mj.lua "$base" > "mj.$2" & pids+=($!)
  wrk -t1 -c4 -d"$1"s --latency --timeout 30s -s mid.lua "$base" > "mid.$2" & pids+=($!)
  wrk -t1 -c4 -d"$1"s --latency --timeout 30s -s preset.lua "$base" > "preset.$2" & pids+=($!)
  wrk -t1 -c4 -d"$1"s --latency --timeout 30s -s count.lua "$base" > "count.$2" & pids+=($!)
  wait "${pids[@]}"
}
echo "warm-up: $WARMUP_SECONDS s" >&2
load "$WARMUP_SECONDS" warm
warm_rss=$(rss)
echo "soak: $SOAK_SECONDS s from $(date -u +%H:%M:%S) UTC, RSS after the warm-up $warm_rss kB ($(jvm) MB)" >&2
( while sleep 30; do echo "$(date -u +%H:%M:%S) $(rss) $(jvm)"; done ) > rss.txt 2>/dev/null &
sampler=$!
load "$SOAK_SECONDS" soak
kill $sampler; wait $sampler 2>/dev/null || true
end_rss=$(rss)
max_rss=$(awk -v w="$warm_rss" -v e="$end_rss" 'BEGIN {m = w > e ? w : e} {if ($2 > m) m = $2} END {print m}' rss.txt)

row() { # name label
  local f="$1.soak"
  awk -v label="$2" -v s="$SOAK_SECONDS" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ {p50 = ms($2)} /^ +99%/ {p99 = ms($2)} /requests in/ {n = $1}
    /Socket errors/ {sock = $0; sub(/.*Socket errors: /, "", sock)} /^non2xx/ {bad = $2}
    END {printf "| %s | %d | %.0f | %.2f | %.2f | %d | %s |\n", label, n, n / s, p50, p99, bad, sock == "" ? "none" : sock}' "$f"
}
printf '| endpoint (%d s, after %d s warm-up) | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors |\n' \
  "$SOAK_SECONDS" "$WARMUP_SECONDS"
printf '|---|---|---|---|---|---|---|\n'
row mj 'POST /api/v1/models/michael-jordan/forward (3 tokens, 8 connections)'
row mid 'POST /api/v1/models/soak-mid/forward (8 raw tokens, 512 × 2,048, 4 connections)'
row preset 'GET /api/v1/parameters/presets/gpt3-175b (4 connections)'
row count 'POST /api/v1/parameters (4 connections)'
growth=$(awk -v w="$warm_rss" -v e="$end_rss" 'BEGIN {printf "%.1f", 100 * (e - w) / w}')
printf '\nresident memory: %s kB after the warm-up, %s kB at the end (%s%%), at most %s kB; at the end %s MB\n' \
  "$warm_rss" "$end_rss" "$growth" "$max_rss" "$(jvm)"
echo "samples every 30 s (time, RSS kB, heap used/committed MB, non-heap committed MB, off-heap MB):"
cat rss.txt
bad=$(cat ./*.soak | awk '/^non2xx/ {n += $2} /Socket errors/ {n++} END {print n + 0}')
ok=$(awk -v g="$growth" -v b="$bad" 'BEGIN {print (b == 0 && g < 5) ? "PASS" : "FAIL"}')
echo "$ok: $bad non-2xx answers or socket-error lines, RSS growth $growth% (limit 5%); files in $WORK"
