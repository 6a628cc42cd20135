#!/usr/bin/env bash
# The database away for OUTAGE seconds (default 25) while an angle job runs, without touching the machine's
# PostgreSQL: the instance reaches it through a socat proxy that is killed (connections dropped, new ones refused)
# and started again. Meanwhile a client calls GET /api/v1/jobs/{id} (needs the database) and the presets
# (needs none) every 200 ms; the table counts answers by status and the slowest. The job must end SUCCEEDED.
# Run from the repository root: bash bench/resilience/database-outage.sh
source "$(dirname "$0")/common.sh"
OUTAGE="${OUTAGE:-25}" PROXY=18790
proxy() { socat TCP-LISTEN:$PROXY,reuseaddr,fork,bind=127.0.0.1 TCP:$PGHOST:$PGPORT & PIDS[proxy]=$!; }
proxy
start 18703 bench-outage "$PROXY"; await_ready 18703
id=$(submit 18703 '{"vectors": 3000, "dimensions": 100, "steps": 600, "seed": 7}')
until [ "$(status 18703 "$id")" = RUNNING ]; do sleep 0.5; done

calls() { # path seconds -> "status seconds retry-after" lines
  local end=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -m 60 -w '%{http_code} %{time_total} %header{retry-after}\n' "localhost:18703$1" || true  # 000: no answer
    sleep 0.2
  done
}
# the cut: the listener and every forked connection of this proxy (its children, by parent pid)
forks=$(ps -o pid= --ppid "${PIDS[proxy]}" || true)
kill -9 "${PIDS[proxy]}" $forks 2>/dev/null || true; unset 'PIDS[proxy]'
calls "/api/v1/jobs/$id" "$OUTAGE" >"$LOGS/job.txt" & job_calls=$!
calls /api/v1/parameters/presets "$OUTAGE" >"$LOGS/presets.txt" & preset_calls=$!
sleep 5
readiness=$(curl -s -o /dev/null -w '%{http_code}' localhost:18703/actuator/health/readiness)
liveness=$(curl -s -o /dev/null -w '%{http_code}' localhost:18703/actuator/health/liveness)
wait "$job_calls" "$preset_calls"
proxy
await_ready 18703
until case "$(status 18703 "$id")" in SUCCEEDED|FAILED|CANCELLED) true ;; *) false ;; esac; do sleep 1; done
summary() { awk -v what="$1" '{n[$1]++; if ($2 > max) max = $2; if ($1 == 503 && $3 != "") r++}
  END {s = ""; for (c in n) s = s c ":" n[c] " "; printf "| %s | %s| %d | %.2f s |\n", what, s, r, max}' "$2"; }
printf '| calls during a %d s outage | answers by status | 503s with Retry-After | slowest |\n|---|---|---|---|\n' "$OUTAGE"
summary "GET /api/v1/jobs/{id} (database)" "$LOGS/job.txt"
summary "GET /api/v1/parameters/presets (no database)" "$LOGS/presets.txt"
printf '\nreadiness during the outage: %s, liveness: %s; the job ended %s (attempts %s)\n' "$readiness" "$liveness" \
  "$(status 18703 "$id")" "$(curl -s localhost:18703/api/v1/jobs/$id | jq -r .attempts)"
