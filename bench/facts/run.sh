#!/usr/bin/env bash
# Facts: compile 100,000 facts over D = 1,024 and query them in batches of 1,024 against the GEMM bound, one run.
# usage: bench/facts/run.sh [facts D batch repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
lscpu | grep -E "Model name|^CPU\(s\)" || true
java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=10g -Dorg.bytedeco.javacpp.maxphysicalbytes=16g \
  -cp "target/classes:$(cat target/bench.classpath)" bench/facts/FactBench.java "$@" 2>&1 \
  | grep -v -E "^\s*$|INFO|^[A-Z_]+:|HAVE_|^ *GCC|^STD|DEFAULT_ENGINE"
