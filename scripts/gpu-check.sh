#!/usr/bin/env bash
# The prepared device check of docs/gpu.md: one script, a few minutes, on a machine with an NVIDIA GPU.
# Usage: scripts/gpu-check.sh <cpu jar> <cuda jar> [imdb archive]
# Prints the GPUs and their compute capabilities, the architectures the CUDA jar's natives hold code
# for, what the CUDA jar does at start-up (on Hopper or newer: the one-line refusal, exit status 1),
# then the CPU jar's benchmark line with 1, 4 and all threads.
set -u
cpu_jar=${1:?cpu jar}
cuda_jar=${2:?cuda jar}
data=${3:-../shared/data/aclImdb_v1-labeled.tar.gz}
echo "== $(date -u +%FT%TZ) $(hostname) $(nproc) cores"
nvidia-smi --query-gpu=index,name,compute_cap,driver_version,memory.total --format=csv || echo "nvidia-smi failed"
echo "== architectures in the CUDA jar's natives"
python3 "$(dirname "$0")/cuda-archs.py" "$cuda_jar"
echo "== the CUDA jar at start-up"
timeout 300 java -jar "$cuda_jar" benchmark --data "$data" --batches 5 --warmup 1 2>&1 | tail -n 5
echo "exit status: ${PIPESTATUS[0]}"
echo "== the CPU jar on this machine's cores"
for t in 1 4 "$(nproc)"; do
  OMP_NUM_THREADS=$t timeout 300 java -jar "$cpu_jar" benchmark --data "$data" --batches 20 --warmup 3 --threads "$t" 2>/dev/null | tail -n 1
done
