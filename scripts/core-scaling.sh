#!/usr/bin/env bash
# What the second core gives, from the bottom up (issue 14), in one script on one machine:
#   1. two processes against one: interpreter integer work, a small and a large float GEMM (PyTorch,
#      one OpenBLAS thread each): are the cores two real cores for floating point?
#   2. one JVM, one thread against two: OpenBLAS's sgemm, ND4J's gemm, ND4J's element-wise muli (with
#      JavaCPP's defaults, then with its pointer tracking off): does anything in the process serialise?
#   3. the project's v1 training `benchmark`, in [rounds] interleaved rounds: one thread alone; two
#      independent trainings in one JVM (TwoTrainings.java); two JVMs at once; and DL4J's
#      ParallelWrapper with two workers (--workers 2): where does the second core go?
# Usage: scripts/core-scaling.sh <aclImdb_v1.tar.gz> [jar] [rounds]
# Needs PyTorch for /usr/bin/python3 (apt-get install python3-torch). Run it on a quiet machine.
set -euo pipefail
data=${1:?usage: core-scaling.sh <aclImdb_v1.tar.gz> [jar] [rounds]}
jar=${2:-$(dirname "$0")/../imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar}
rounds=${3:-2}
here=$(cd "$(dirname "$0")/scaling" && pwd)
py=${PYTHON:-/usr/bin/python3}
[ -f "$data" ] || { echo "error: no data file $data" >&2; exit 1; }
[ -f "$jar" ] || { echo "error: no jar $jar (build it: ./mvnw install -DskipTests)" >&2; exit 1; }
"$py" -c "import torch" 2>/dev/null || { echo "error: PyTorch is missing for $py (apt-get install python3-torch)" >&2; exit 1; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "# $(date -u +%FT%TZ) $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# jar $jar: $(unzip -p "$jar" org/imdbsentiment/app/runs/git.properties 2>/dev/null | grep -v "^#" | tr "\n" " ")"

echo "## 1. processes (PyTorch, one OpenBLAS thread each)"
for kind in scalar gemm biggemm; do
  echo "$kind, one process: $("$py" "$here/cores.py" $kind 8)"
  a=$(mktemp); "$py" "$here/cores.py" $kind 8 > "$a" & b=$("$py" "$here/cores.py" $kind 8); wait
  echo "$kind, two processes at once: $(cat "$a") + $b"; rm -f "$a"
done

echo "## 2. threads in one JVM"
java -cp "$jar" "$here/OneJvmOps.java" cblas nd4j muli 2>/dev/null | grep round
echo "muli with -Dorg.bytedeco.javacpp.nopointergc=true -Dorg.bytedeco.javacpp.maxphysicalbytes=0:"
java -Dorg.bytedeco.javacpp.nopointergc=true -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -cp "$jar" \
    "$here/OneJvmOps.java" muli 2>/dev/null | grep round

echo "## 3. training benchmark (v1, real tokens/s of the timed minibatches)"
bench=(benchmark --data "$data" --batches 20 --warmup 2 --threads 1)
tps() { "$py" -c "
import json, sys
print(' + '.join(str(json.loads(l)['train']['real_tokens_per_s']) for l in sys.stdin if l.startswith('{\"benchmark')))"; }
for r in $(seq 1 "$rounds"); do
  echo "round $r one thread: $(java -Xmx6g -jar "$jar" "${bench[@]}" 2>/dev/null | tps)"
  echo "round $r two trainings in one JVM: $(java -Xmx10g -cp "$jar" "$here/TwoTrainings.java" 2 "${bench[@]}" 2>/dev/null | tps)"
  a=$(mktemp); java -Xmx6g -jar "$jar" "${bench[@]}" > "$a" 2>/dev/null & b=$(java -Xmx6g -jar "$jar" "${bench[@]}" 2>/dev/null | tps); wait
  echo "round $r two JVMs at once: $(tps < "$a") + $b"; rm -f "$a"
  echo "round $r ParallelWrapper, 2 workers: $(java -Xmx6g -jar "$jar" "${bench[@]}" --workers 2 2>/dev/null | tps)"
done
