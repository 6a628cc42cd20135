#!/usr/bin/env bash
# all-MiniLM-L6-v2: one 32-token sentence (latency) and a batch of 64 sentences (throughput), the service's own
# forward pass (every intermediate kept) beside ONNX Runtime on the same ONNX file, in the same run.
# usage: bench/transformers/run.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
lscpu | grep -E "Model name|^CPU\(s\)" || true
java -Xmx2g -cp "target/classes:$(cat target/bench.classpath)" bench/transformers/TransformerBench.java "$@" 2>&1 \
  | grep -v -E "^\s*$|INFO|^[A-Z_]+:|HAVE_|^ *GCC|^STD|DEFAULT_ENGINE"
