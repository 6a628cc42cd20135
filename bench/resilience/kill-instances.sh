#!/usr/bin/env bash
# Ten kill -9 of one of two instances sharing PostgreSQL (database test_resilience, a fresh schema), each one while it
# runs an angle job: job k is submitted, and once it is RUNNING the instance running it (its runBy) is killed and
# started again at once (the next kill does not wait for it: the other instance picks up the next job, so when starts
# are slow both may be down for a while). Every job must end SUCCEEDED, none lost or stuck, each with the result of
# the same spec run undisturbed first (the references run with nothing killed). Each job is killed once
# (factlab.jobs.max-attempts is 3). Prints one table. KILLS can be set; run from the repository root:
# bash bench/resilience/kill-instances.sh
source "$(dirname "$0")/common.sh"
KILLS="${KILLS:-10}"
# ≈ 1-2 s on a quiet machine, 10-20 s on 2 cores loaded by other builds: long enough to be killed mid-run
SPEC='{"vectors": 1000, "dimensions": 50, "steps": 150, "seed": %d}'
declare -A PORT=([bench-a]=18701 [bench-b]=18702)

start 18701 bench-a; start 18702 bench-b
await_ready 18701; await_ready 18702

any() { # the port of an instance that answers
  while :; do
    for p in 18701 18702; do
      [ "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$p/actuator/health/readiness")" = 200 ] && { echo $p; return; }
    done
    sleep 1
  done
}
await_end() { # id -> 0 when it ended, 1 after 1200 s
  local deadline=$(( $(date +%s) + 1200 ))
  until case "$(status "$(any)" "$1")" in SUCCEEDED|FAILED|CANCELLED) true ;; *) false ;; esac; do
    [ "$(date +%s)" -gt "$deadline" ] && return 1
    sleep 1
  done
}

# The undisturbed reference: every spec once, nothing killed (the two instances share them).
declare -A REFERENCE=()
began=$(date +%s)
for seed in $(seq 1 "$KILLS"); do REFERENCE[$seed]=$(submit 18701 "$(printf "$SPEC" "$seed")"); done
for seed in $(seq 1 "$KILLS"); do
  id=${REFERENCE[$seed]}
  await_end "$id"
  [ "$(status 18702 "$id")" = SUCCEEDED ] || { echo "reference job $id did not succeed" >&2; exit 1; }
  REFERENCE[$seed]=$(result 18702 "$id")
done
undisturbed=$(( $(date +%s) - began ))
echo "references done in $undisturbed s" >&2

# The same specs again, one kill -9 per job, of the instance running it.
declare -A IDS=()
began=$(date +%s)
for k in $(seq 1 "$KILLS"); do
  port=$(any)
  IDS[$k]=$(submit "$port" "$(printf "$SPEC" "$k")")
  deadline=$(( $(date +%s) + 900 ))
  until [ "$(status "$(any)" "${IDS[$k]}")" = RUNNING ]; do
    [ "$(date +%s)" -gt "$deadline" ] && { echo "job ${IDS[$k]} never started" >&2; break; }
    sleep 0.3
  done
  sleep 1
  port=$(any)
  victim=$(curl -s "localhost:$port/api/v1/jobs/${IDS[$k]}" | jq -r .runBy)
  echo "$(date -u +%T) kill $k: job ${IDS[$k]} $(status "$port" "${IDS[$k]}") on $victim" >&2
  [ -n "${PORT[$victim]:-}" ] || { echo "job ${IDS[$k]} runs nowhere (it ended already?): no kill" >&2; continue; }
  kill -9 "${PIDS[$victim]}"; wait "${PIDS[$victim]}" 2>/dev/null || true
  start "${PORT[$victim]}" "$victim"
done
killed=$(( $(date +%s) - began ))
await_ready 18701; await_ready 18702
for k in "${!IDS[@]}"; do await_end "${IDS[$k]}" || true; done
all=$(( $(date +%s) - began ))

succeeded=0 failed=0 stuck=0 same=0 attempts=0
for k in "${!IDS[@]}"; do
  id=${IDS[$k]}
  job=$(curl -s "localhost:18702/api/v1/jobs/$id")
  attempts=$((attempts + $(jq -r .attempts <<<"$job")))
  case "$(jq -r .status <<<"$job")" in
    SUCCEEDED) succeeded=$((succeeded + 1)); [ "$(result 18702 "$id")" = "${REFERENCE[$k]}" ] && same=$((same + 1)) ;;
    FAILED) failed=$((failed + 1)); echo "job $id FAILED: $(jq -c .error <<<"$job")" >&2 ;;
    *) stuck=$((stuck + 1)) ;;
  esac
done
printf '| kills | jobs | SUCCEEDED | FAILED | stuck | result = undisturbed | attempts | s undisturbed | s with kills (all ended) |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
printf '| %d | %d | %d | %d | %d | %d | %d | %d | %d (%d) |\n' "$KILLS" "${#IDS[@]}" "$succeeded" "$failed" "$stuck" \
  "$same" "$attempts" "$undisturbed" "$killed" "$all"
