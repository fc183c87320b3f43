#!/usr/bin/env bash
# How far v1's training is from what its matrix products alone allow on this machine (issue 14), in
# interleaved rounds.
#
#   scripts/gemm-ceiling.sh <aclImdb archive or directory> [rounds (default 3)] [jar]
#
# Each round runs, one after another, with one thread and with two: `benchmark` (the default v1
# settings, --threads 1, --lstm-threads 1 or 2) and scripts/probes/GemmCeiling.java (nothing but the
# OpenBLAS products of a full-size v1 minibatch, 2.19 MFLOP per token, fewer where the input projection and
# Xᵀ·G are formed for the minibatch's distinct rows only as the fast LSTM forms them, on 1 or 2 threads: the fastest any
# implementation of this model in single precision could train with this BLAS). It prints every line,
# and per round and thread count the share of the ceiling that training reaches (benchmark's real tokens/s
# over the probe's); the medians at the end. Only ratios measured in one run of this script mean
# anything (these machines are shared and noisy). Run it on a quiet machine, from the project root.
set -euo pipefail
data=${1:?usage: $0 <aclImdb archive or directory> [rounds] [jar]}
rounds=${2:-3}
jar=${3:-imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar}
batches=${BATCHES:-20}
warmup=${WARMUP:-20}
probe=$(dirname "$0")/probes/GemmCeiling.java
[ -f "$jar" ] || { echo "error: no jar at $jar (./mvnw package -DskipTests)" >&2; exit 1; }
json() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]);
for k in sys.argv[2:]: d=d[k]
print(d)' "$@"; }
median() { python3 -c "import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 3))" "$@"; }

echo "# $(date -u +%FT%TZ) $(hostname) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), jar $jar, $rounds rounds, $batches timed batches after $warmup"
shares1=()
shares2=()
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    line=$(OMP_NUM_THREADS=1 java -Xmx6g -jar "$jar" benchmark --data "$data" --batches "$batches" \
        --warmup "$warmup" --threads 1 --lstm-threads "$t" 2>/dev/null | grep '^{')
    train=$(json "$line" train real_tokens_per_s)
    # The share of distinct input rows the fast LSTM projected (1 where the jar does not say), which the probe
    # projects too. The probe's five timed repetitions; the fastest is its ceiling.
    distinct=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["train"].get("distinct_token_share", 1))' "$line")
    ceiling=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp "$jar" "$probe" "$t" 5 "$distinct" 2>/dev/null | grep '^{' \
        | python3 -c 'import json,sys; print(round(max(json.loads(l)["ceiling_real_tokens_per_s"] for l in sys.stdin)))')
    share=$(python3 -c "print(round($train / $ceiling, 3))")
    echo "round $r threads $t: train $train real tokens/s, products-only ceiling $ceiling, share $share  $line"
    if [ "$t" = 1 ]; then shares1+=("$share"); else shares2+=("$share"); fi
  done
done
echo "median share of the products-only ceiling over $rounds rounds: one thread $(median "${shares1[@]}") (${shares1[*]}), two threads $(median "${shares2[@]}") (${shares2[*]})"
