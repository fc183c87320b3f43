#!/usr/bin/env bash
# Load and soak test of `serve` on this machine: starts the server on a model bundle, waits until it
# is ready, runs `loadtest` (concurrency 1, 8 and 32, then a soak at concurrency 8 that samples the
# server's resident memory every 10 s), stops the server with SIGTERM and prints every JSON line.
# Loopback only.
#   scripts/serving-load.sh <model.zip> <imdb-data> [level-seconds=20] [soak-seconds=300] [port=18080]
# SERVE_ARGS adds options to `serve` (e.g. SERVE_ARGS="--workers 1"); JAR names another jar.
# Run it on a quiet machine: another busy process changes the numbers.
set -euo pipefail
model=$1; data=$2; seconds=${3:-20}; soak=${4:-300}; port=${5:-18080}
jar=${JAR:-$(ls imdb-app/target/imdb-sentiment-*.jar | grep -v original | head -1)}
log=$(mktemp)
# shellcheck disable=SC2086
java -jar "$jar" serve --model "$model" --port "$port" ${SERVE_ARGS:-} >"$log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$port/ready" >/dev/null || { echo "server not ready: $(tail -3 "$log")" >&2; exit 1; }
java -jar "$jar" loadtest --url "http://127.0.0.1:$port" --data "$data" --concurrency 1,8,32 \
    --seconds "$seconds" --soak-seconds "$soak" --soak-concurrency 8 2>/dev/null | grep '^{'
kill -TERM $server; wait $server; echo "{\"server_exit\": $?}"
trap - EXIT
