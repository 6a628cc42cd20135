#!/usr/bin/env bash
# Where one neuron per fact breaks: fact-capacity cells (random directions, seed 0) by subject arity 1, 2, 3 and by
# shared first names, at one D (default 64) over F = 16 ... 4,096. Prints the Markdown tables in README "Facts".
# usage: bench/facts/breaks.sh [D]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -Xmx2g -cp "target/classes:$(cat target/bench.classpath)" bench/facts/Breaks.java "$@" 2>&1 \
  | grep -E "^\||^Subject|^Shared|^$"
