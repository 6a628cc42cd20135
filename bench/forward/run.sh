#!/usr/bin/env bash
# Forward-pass GFLOPS of a 512-token pass through a 4,096 x 16,384 block (target: >= 150 GFLOPS).
# usage: bench/forward/run.sh [tokens dModel neurons repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
lscpu | grep -E "Model name|^CPU\(s\)" || true
java -Xmx4g --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -cp "target/classes:$(cat target/bench.classpath)" bench/forward/ForwardGflops.java "$@" 2>&1 \
  | grep -v -E "^\s*$|INFO|^[A-Z_]+:|HAVE_|^ *GCC|^STD|DEFAULT_ENGINE"
