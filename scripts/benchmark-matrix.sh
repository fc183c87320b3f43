#!/usr/bin/env bash
# Runs the benchmark for the settings compared in docs/performance.md and appends one JSON line per
# setting to the output file. Run it on a quiet machine (no other busy process), from the project
# root, after ./mvnw install -DskipTests (or -Pcuda ... package for the GPU jar).
#
#   scripts/benchmark-matrix.sh ../shared/data/aclImdb_v1-labeled.tar.gz docs/benchmarks/$(git rev-parse --short HEAD).jsonl
set -euo pipefail
data=${1:?usage: $0 <aclImdb archive or directory> <output.jsonl> [jar]}
out=${2:?usage: $0 <aclImdb archive or directory> <output.jsonl> [jar]}
jar=${3:-imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar}
batches=${BATCHES:-30}
warmup=${WARMUP:-20}
mkdir -p "$(dirname "$out")"

bench() { # <threads> <extra options...>
  local threads=$1; shift
  OMP_NUM_THREADS=$threads java -Xmx6g -jar "$jar" benchmark --data "$data" --batches "$batches" \
      --warmup "$warmup" --threads "$threads" "$@" | grep "^{" | tee -a "$out"
}

bench 1 --lstm dl4j --batching random   # where the project started: DL4J's layer, the study's random batches
bench 1 --lstm dl4j                      # DL4J's LSTM layer, one thread
bench 2 --lstm dl4j                      # ... two threads
bench 1 --lstm fast                      # FastLstm (the default), one thread
bench 2 --lstm fast                      # ... two threads
bench 1 --lstm fast --batching random    # the study's random batches: more padded steps
bench 1 --lstm fast --version naive      # every review padded to 256, no mask
