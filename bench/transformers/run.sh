#!/usr/bin/env bash
# all-MiniLM-L6-v2: one 32-token sentence (latency) and a batch of 64 sentences (throughput), the service's own
# forward pass (every intermediate kept) beside ONNX Runtime on the same ONNX file, in the same run.
# usage: bench/transformers/run.sh [repeats [warm-up rounds, default 15]]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
lscpu | grep -E "Model name|^CPU\(s\)" || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# The JVM as the service is deployed (Dockerfile, spring-boot:run): the Vector API module and OpenBLAS's core type
# (ND4J's OpenBLAS 0.3.19 misdetects newer CPUs and runs GEMM at a third without it); ONNX Runtime ignores both.
OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-Haswell}" java -Xmx2g --add-modules jdk.incubator.vector -cp "target/classes:$(cat target/bench.classpath)" bench/transformers/TransformerBench.java "$@" 2>&1 \
  | grep -v -E "^\s*$|INFO|^[A-Z_]+:|HAVE_|^ *GCC|^STD|DEFAULT_ENGINE|incubat|^1 warning"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
