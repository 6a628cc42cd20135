#!/usr/bin/env bash
# The database away for OUTAGE seconds (default 25) while angle jobs run on TWO instances that share it (the
# deployment of docker-compose.yml), without touching the machine's PostgreSQL: both instances reach it through a
# socat proxy that is killed (connections dropped, new ones refused) and started again. 25 s outlasts db-scheduler's
# dead-instance limit (4 heartbeats of 2 s here), so the instances' own jobs look dead when the database returns:
# the case where an attempt that still runs is taken over. Meanwhile a client calls GET /api/v1/jobs/{id} (needs the
# database) and the presets (needs none) every 200 ms; the table counts answers by status and the slowest.
# ROUNDS outages (default 1) one after another, each with JOBS new jobs (default 4) submitted alternately to the two
# instances; every job must end SUCCEEDED with the result of the same spec run undisturbed, none stuck.
# Run from the repository root: bash bench/resilience/database-outage.sh
source "$(dirname "$0")/common.sh"
OUTAGE="${OUTAGE:-25}" ROUNDS="${ROUNDS:-1}" JOBS="${JOBS:-4}" PROXY=18790 SPEC='{"vectors": 3000, "dimensions": 100, "steps": 600, "seed": 7}'
proxy() { socat TCP-LISTEN:$PROXY,reuseaddr,fork,bind=127.0.0.1 TCP:$PGHOST:$PGPORT & PIDS[proxy]=$!; }
cut() { # the listener and every forked connection of this proxy (its children, by parent pid)
  local forks; forks=$(ps -o pid= --ppid "${PIDS[proxy]}" || true)
  kill -9 "${PIDS[proxy]}" $forks 2>/dev/null || true; unset 'PIDS[proxy]'
}
calls() { # path seconds -> "status seconds retry-after" lines
  local end=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total} %header{retry-after}\n' "localhost:18703$1" || true  # 000: no answer
    sleep 0.2
  done
}
ended() { case "$(status 18703 "$1")" in SUCCEEDED|FAILED|CANCELLED) true ;; *) false ;; esac; }
summary() { awk -v what="$1" '{n[$1]++; if ($2 > max) max = $2; if ($1 == 503 && $3 != "") r++}
  END {s = ""; for (c in n) s = s c ":" n[c] " "; printf "| %s | %s| %d | %.2f s |\n", what, s, r, max}' "$2"; }

proxy
start 18703 bench-outage-a "$PROXY"; start 18704 bench-outage-b "$PROXY"
await_ready 18703; await_ready 18704
reference_id=$(submit 18703 "$SPEC")
until ended "$reference_id"; do sleep 1; done
REFERENCE=$(result 18703 "$reference_id")
echo "undisturbed reference: $(status 18703 "$reference_id")" >&2

printf '| round | calls during a %d s outage | answers by status | 503s with Retry-After | slowest |\n|---|---|---|---|---|\n' "$OUTAGE" >"$LOGS/calls.md"
: >"$LOGS/jobs.txt"
for round in $(seq 1 "$ROUNDS"); do
  ids=()
  for k in $(seq 1 "$JOBS"); do ids+=("$(submit $(( k % 2 ? 18703 : 18704 )) "$SPEC")"); done
  # both instances run a job (factlab.jobs.max-running=1 each by default on 2 cores), the rest wait in the queue
  until [ "$(curl -s 'localhost:18703/api/v1/jobs?status=RUNNING' | jq '.items | length')" -ge 2 ]; do sleep 0.5; done
  first="${ids[0]}"
  cut
  calls "/api/v1/jobs/$first" "$OUTAGE" >"$LOGS/job.txt" & job_calls=$!
  calls /api/v1/parameters/presets "$OUTAGE" >"$LOGS/presets.txt" & preset_calls=$!
  sleep 5
  readiness=$(curl -s -o /dev/null -w '%{http_code}' localhost:18703/actuator/health/readiness)
  liveness=$(curl -s -o /dev/null -w '%{http_code}' localhost:18703/actuator/health/liveness)
  wait "$job_calls" "$preset_calls"
  proxy
  await_ready 18703; await_ready 18704
  summary "$round | GET /api/v1/jobs/{id} (database)" "$LOGS/job.txt" >>"$LOGS/calls.md"
  summary "$round | GET /api/v1/parameters/presets (no database)" "$LOGS/presets.txt" >>"$LOGS/calls.md"
  deadline=$(( $(date +%s) + 900 ))
  for id in "${ids[@]}"; do
    while ! ended "$id" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
    same=no; [ "$(status 18703 "$id")" = SUCCEEDED ] && [ "$(result 18704 "$id")" = "$REFERENCE" ] && same=yes
    echo "$round $(status 18703 "$id") $(curl -s "localhost:18704/api/v1/jobs/$id" | jq -r .attempts) $same" >>"$LOGS/jobs.txt"
  done
  echo "round $round: readiness during the outage $readiness, liveness $liveness" >&2
done
cat "$LOGS/calls.md"
printf '\n| outages | jobs | SUCCEEDED | FAILED | stuck (not ended 15 min after the outage) | result = undisturbed | attempts |\n|---|---|---|---|---|---|---|\n'
awk -v rounds="$ROUNDS" '{n++; if ($2 == "SUCCEEDED") s++; else if ($2 == "FAILED") f++; else if ($2 != "CANCELLED") stuck++;
  if ($4 == "yes") same++; a += $3} END {printf "| %d | %d | %d | %d | %d | %d | %d |\n", rounds, n, s, f, stuck, same, a}' "$LOGS/jobs.txt"
grep -h -c "lost its instance" "$LOGS"/bench-outage-*.log | paste -sd+ | bc | xargs printf '\njobs taken over after the outage (log lines "lost its instance"): %s\n'
grep -h -E " ERROR " "$LOGS"/bench-outage-*.log | sed -E 's/^.{0,30}//' | cut -c1-200 | sort | uniq -c | head -20 || true
