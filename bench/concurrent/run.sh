#!/usr/bin/env bash
# Issue 8.1: a 512-token forward pass through 4,096 x 16,384 while an angle job runs, and the job's step time meanwhile,
# against each alone, in one JVM (bench/concurrent/ForwardDuringAngles.java). Both share tensor's BLAS thread lease:
# the job's GEMMs single-threaded in its own lanes, the forward pass's with every BLAS thread.
# usage: bench/concurrent/run.sh [steps passes]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
OPENBLAS_CORETYPE=Haswell java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -Xmx4g \
	-cp "target/classes:$(cat target/bench.classpath)" bench/concurrent/ForwardDuringAngles.java "$@" 2>&1 \
	| grep '^concurrent:' | sed 's/^concurrent: //'
