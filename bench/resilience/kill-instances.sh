#!/usr/bin/env bash
# Ten kill -9 of one of two instances sharing PostgreSQL (database test_resilience, a fresh schema) while angle jobs
# run. Every job must end SUCCEEDED, none lost or stuck, each with the result of the same spec run undisturbed
# first. Prints one table. KILLS and JOBS can be set; run from the repository root: bash bench/resilience/kill-instances.sh
source "$(dirname "$0")/common.sh"
KILLS="${KILLS:-10}" JOBS="${JOBS:-6}"
SPEC='{"vectors": 1500, "dimensions": 60, "steps": 150, "seed": %d}'

start 18501 bench-a; start 18502 bench-b
await_ready 18501; await_ready 18502

# The undisturbed reference: one run of each spec, nothing killed.
declare -A REFERENCE=()
for seed in $(seq 1 "$JOBS"); do
  id=$(submit 18501 "$(printf "$SPEC" "$seed")")
  until [ "$(status 18502 "$id")" = SUCCEEDED ]; do sleep 1; done
  REFERENCE[$seed]=$(result 18502 "$id")
done

# The same specs again, with kills.
declare -A IDS=()
for seed in $(seq 1 "$JOBS"); do IDS[$seed]=$(submit 18501 "$(printf "$SPEC" "$seed")"); done
began=$(date +%s)
for k in $(seq 1 "$KILLS"); do
  if [ $((k % 2)) = 1 ]; then victim=bench-a port=18501; else victim=bench-b port=18502; fi
  sleep $((2 + RANDOM % 4))
  kill -9 "${PIDS[$victim]}"; wait "${PIDS[$victim]}" 2>/dev/null || true
  start "$port" "$victim"; await_ready "$port"
done
killed=$(( $(date +%s) - began ))

deadline=$(( $(date +%s) + 900 ))
while :; do
  open=0
  for seed in "${!IDS[@]}"; do
    case "$(status 18501 "${IDS[$seed]}")" in SUCCEEDED|FAILED|CANCELLED) ;; *) open=$((open + 1)) ;; esac
  done
  [ "$open" = 0 ] || [ "$(date +%s)" -gt "$deadline" ] && break
  sleep 2
done

succeeded=0 failed=0 stuck=0 same=0 attempts=0
for seed in "${!IDS[@]}"; do
  id=${IDS[$seed]}
  job=$(curl -s "localhost:18502/api/v1/jobs/$id")
  attempts=$((attempts + $(jq -r .attempts <<<"$job")))
  case "$(jq -r .status <<<"$job")" in
    SUCCEEDED) succeeded=$((succeeded + 1)); [ "$(result 18502 "$id")" = "${REFERENCE[$seed]}" ] && same=$((same + 1)) ;;
    FAILED) failed=$((failed + 1)) ;;
    *) stuck=$((stuck + 1)) ;;
  esac
done
printf '| kills | jobs | SUCCEEDED | FAILED | stuck | result = undisturbed | attempts | seconds of kills |\n'
printf '|---|---|---|---|---|---|---|---|\n'
printf '| %d | %d | %d | %d | %d | %d | %d | %d |\n' "$KILLS" "$JOBS" "$succeeded" "$failed" "$stuck" "$same" "$attempts" "$killed"
