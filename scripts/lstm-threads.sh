#!/usr/bin/env bash
# One fast LSTM layer on one thread (--lstm-threads 1) against two (--lstm-threads 2: v4 and v5
# compute their two directions at once, v1-v3 split a training minibatch's rows), in interleaved
# rounds on this machine (issue 14). Until 2026-11-30 this was scripts/directions.sh, comparing
# --sequential-directions with the default (the same two cases for v4).
#
#   scripts/lstm-threads.sh <aclImdb archive or directory> [rounds (default 3)] [jar]
#
# Each round runs `benchmark` with the version's settings (VERSION, default v4) twice, with one ND4J
# thread each: --lstm-threads 1, then 2. It prints both JSON lines, the round's ratios (two over
# one) of training and inference real tokens/s, and the medians over the rounds. Only ratios measured in one run of this script mean anything (these machines are shared
# and noisy). Run it on a quiet machine, from the project root.
set -euo pipefail
data=${1:?usage: $0 <aclImdb archive or directory> [rounds] [jar]}
rounds=${2:-3}
jar=${3:-imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar}
version=${VERSION:-v4}
batches=${BATCHES:-20}
warmup=${WARMUP:-20}
[ -f "$jar" ] || { echo "error: no jar at $jar (./mvnw package -DskipTests)" >&2; exit 1; }
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d[sys.argv[2]][sys.argv[3]])' "$@"; }

echo "# $(date -u +%FT%TZ) $(hostname) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# jar $jar, $version, $rounds rounds, $batches timed batches after $warmup"
train_ratios=()
inference_ratios=()
for r in $(seq 1 "$rounds"); do
  declare -A train=() inference=()
  for mode in sequential parallel; do # one thread, two
    flag=$([ "$mode" = sequential ] && echo "--lstm-threads 1" || echo "--lstm-threads 2")
    # shellcheck disable=SC2086
    line=$(OMP_NUM_THREADS=1 java -Xmx6g -jar "$jar" benchmark --version "$version" --data "$data" \
        --batches "$batches" --warmup "$warmup" --threads 1 $flag 2>/dev/null | grep '^{')
    train[$mode]=$(field "$line" train real_tokens_per_s)
    inference[$mode]=$(field "$line" inference real_tokens_per_s)
    echo "round $r $mode: train ${train[$mode]} real tokens/s, inference ${inference[$mode]}  $line"
  done
  tr=$(python3 -c "print(round(${train[parallel]} / ${train[sequential]}, 2))")
  ir=$(python3 -c "print(round(${inference[parallel]} / ${inference[sequential]}, 2))")
  echo "round $r ratio two threads / one: train $tr, inference $ir"
  train_ratios+=("$tr")
  inference_ratios+=("$ir")
done
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
echo "median over $rounds rounds: train $(median "${train_ratios[@]}") (${train_ratios[*]}), inference $(median "${inference_ratios[@]}") (${inference_ratios[*]})"
