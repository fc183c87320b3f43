#!/usr/bin/env bash
# The project against its PyTorch peer, on this machine, in interleaved rounds (issue 14).
#
#   scripts/compare-peer.sh <aclImdb archive> [rounds (default 3)] [jar]
#
# Each round runs, one after another: `benchmark` (the default v1 settings) on one thread
# (--threads 1 --lstm-threads 1), with the LSTM's rows split between two threads (--lstm-threads 2),
# with two ND4J threads, and with 2 data-parallel workers (ParallelWrapper, one thread each), then
# scripts/pytorch-peer.py with 1 and 2 threads, and with 1 thread whose BLAS uses every core. It prints every measurement, each round's ratio of
# best against best (the project's real tokens/s at its better thread count over the peer's padded
# tokens/s at its better one: the peer's 64x256 batches are what a PyTorch user with unpacked,
# padded batches computes), and the median ratio over the rounds. Each round ends with the ceiling that
# the model's matrix products alone set on both cores (scripts/probes/GemmCeiling.java, with the input projection and
# Xᵀ·G of the minibatches' distinct rows only, as the fast LSTM forms them) over the peer's best. Only ratios measured in one run of
# this script mean anything: these machines differ 2-3x in absolute speed from one day to the next.
# Needs PyTorch for /usr/bin/python3 (Debian: apt-get install python3-torch libopenblas0-pthread).
# Run it on a quiet machine.
set -euo pipefail
data=${1:?usage: $0 <aclImdb archive or directory> [rounds] [jar]}
rounds=${2:-3}
jar=${3:-imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar}
batches=${BATCHES:-20}
warmup=${WARMUP:-20}
peer=$(dirname "$0")/pytorch-peer.py
py=${PYTHON:-/usr/bin/python3}
"$py" -c "import torch" 2>/dev/null || { echo "error: PyTorch is missing for $py (apt-get install python3-torch)" >&2; exit 1; }
[ -f "$jar" ] || { echo "error: no jar at $jar (./mvnw package -DskipTests)" >&2; exit 1; }

echo "# $(date -u +%FT%TZ) $(hostname) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $rounds rounds, $batches timed batches each"
ratios=()
ceiling_ratios=()
for r in $(seq 1 "$rounds"); do
  best_project=0
  best_peer=0
  for variant in "--threads 1 --lstm-threads 1" "--threads 1 --lstm-threads 2" "--threads 2 --lstm-threads 1" \
      "--threads 1 --lstm-threads 1 --workers 2"; do
    omp=$(case "$variant" in *"--threads 2"*) echo 2 ;; *) echo 1 ;; esac)
    # shellcheck disable=SC2086
    line=$(OMP_NUM_THREADS=$omp java -Xmx6g -jar "$jar" benchmark --data "$data" --batches "$batches" --warmup "$warmup" \
        $variant 2>/dev/null | grep '^{')
    tps=$("$py" -c 'import json,sys; print(json.loads(sys.argv[1])["train"]["real_tokens_per_s"])' "$line")
    echo "round $r project $variant: $tps real tokens/s  $line"
    (( tps > best_project )) && best_project=$tps
    # The share of distinct input rows the fast LSTM projects (1 where the jar does not say): the probe below
    # forms the input projection and Xᵀ·G of that share of the rows, as the layer does.
    share=$("$py" -c 'import json,sys; print(json.loads(sys.argv[1])["train"].get("distinct_token_share", 1))' "$line")
  done
  # PyTorch with 1 and 2 threads (OMP_NUM_THREADS the same), and with 1 PyTorch thread while its BLAS
  # (OpenBLAS with pthreads on Debian) takes every core: OMP_NUM_THREADS unset, as the acceptance check
  # runs it; after 20 warm-up minibatches this is the peer's fastest configuration on 2 cores.
  for t in 1 2 blas; do
    if [ "$t" = blas ]; then
      line=$(env -u OMP_NUM_THREADS -u OPENBLAS_NUM_THREADS "$py" "$peer" --threads 1 --batches "$batches" \
          --warmup "$warmup" | grep '^{')
    else
      line=$(OMP_NUM_THREADS=$t "$py" "$peer" --threads "$t" --batches "$batches" --warmup "$warmup" | grep '^{')
    fi
    tps=$("$py" -c 'import json,sys; print(json.loads(sys.argv[1])["train"]["padded_tokens_per_s"])' "$line")
    echo "round $r pytorch threads $t: $tps padded tokens/s  $line"
    (( tps > best_peer )) && best_peer=$tps
  done
  ratio=$("$py" -c "print(round($best_project / $best_peer, 2))")
  echo "round $r ratio (project best / peer best): $ratio"
  ratios+=("$ratio")
  # What nothing but the model's matrix products allows on both cores (scripts/probes/GemmCeiling.java):
  # the most any single-precision implementation with this BLAS could reach against the same peer.
  ceiling=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp "$jar" "$(dirname "$0")/probes/GemmCeiling.java" 2 5 "$share" \
      2>/dev/null | grep '^{' | "$py" -c 'import json,sys; print(round(max(json.loads(l)["ceiling_real_tokens_per_s"] for l in sys.stdin)))')
  ceiling_ratio=$("$py" -c "print(round($ceiling / $best_peer, 2))")
  echo "round $r products-only ceiling on 2 threads (distinct share $share): $ceiling real tokens/s; ceiling / peer best: $ceiling_ratio"
  ceiling_ratios+=("$ceiling_ratio")
done
median=$("$py" -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "${ratios[@]}")
echo "median ratio over $rounds rounds: $median (rounds: ${ratios[*]})"
ceiling_median=$("$py" -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "${ceiling_ratios[@]}")
echo "median products-only ceiling / peer best over $rounds rounds: $ceiling_median (rounds: ${ceiling_ratios[*]})"
