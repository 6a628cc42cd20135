#!/usr/bin/env bash
# Angle experiment benchmarks, Java and the numpy peer in the same run (bench/angles/RESULTS.md has the figures).
#   bench/angles/run.sh          step + histogram at 10,000 x 100 (Vector API and scalar), numpy peer, BLAS threads
#   bench/angles/run.sh big      adds 2 steps at N = 100,000, D = 100 with peak resident memory
#   bench/angles/run.sh full     adds the two full 250-step runs (lesson loss, smooth max of |cos|)
#   bench/angles/run.sh tiles    adds the step at tile sizes 512, 768, 1024 and 1280
# STEPS (default 12) is the number of timed steps for both Java and numpy. Keep runs few: the machine has 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == readme ]]; then
	exec bench/angles/readme.sh
fi
steps=${STEPS:-12}
shared=${SHARED:-../shared}

./mvnw -q compile dependency:build-classpath -Dmdep.outputFile=target/angles-bench.classpath
cp="target/classes:$(cat target/angles-bench.classpath)"
vector=(--add-modules jdk.incubator.vector)
bench() { java "$@" 2>&1 | grep -E '^(java|numpy|blas|big|full)' || true; }

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB; $(java -version 2>&1 | head -1)"
echo "numpy peer: python3 $shared/bench/almost_orthogonal_numpy.py 10000 100 $steps (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset)"
numpy=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 "$shared/bench/almost_orthogonal_numpy.py" 10000 100 "$steps")
numpy_step=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["per_step_s"])' "$numpy")
numpy_hist=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["histogram_s"])' "$numpy")
echo "numpy: per step (mean of $steps) ${numpy_step} s; angle statistics of 49,995,000 pairs ${numpy_hist} s"

java_line=$(bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java step 10000 100 "$steps")
echo "$java_line"
bench -Dfactlab.angles.scalar=true "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java step 10000 100 "$steps"
echo "java without --add-modules (falls back to scalar kernels):"
bench -cp "$cp" bench/angles/AngleBench.java step 10000 100 "$steps"
java_step=$(sed -n 's/.*median of [0-9]* steps \([0-9.]*\) s.*/\1/p' <<<"$java_line")
python3 -c 'import sys; n, j = map(float, sys.argv[1:]); print(f"ratio: numpy {n:.3f} s / java {j:.3f} s per step = {n / j:.1f}x")' "$numpy_step" "$java_step"
bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java blas

case "${1:-}" in
	big)
		bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java big 100000 100 2 ;;
	tiles)
		bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java tiles 10000 100 "$steps" 512 768 1024 1280 ;;
	full)
		bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java full LESSON
		bench "${vector[@]}" -cp "$cp" bench/angles/AngleBench.java full SMOOTH_MAX_COSINE "${SMOOTH_MAX_LR:-0.01}" ;;
esac
