#!/usr/bin/env bash
# Checks the training dashboard as a user sees it: starts a short real training run with the DL4J UI,
# waits until the overview's score chart has data, and saves a screenshot taken by headless Chromium.
#
#   scripts/dashboard-screenshot.sh [screenshot.png]      (default docs/dashboard.png)
#
# Needs the CPU jar (./mvnw package), Debian's chromium package, curl and python3.
# Environment: PORT (default 9000), DATA (default ../shared/data/aclImdb_v1-labeled.tar.gz),
# BATCHES (training batches per epoch, default 40).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/dashboard.png}
port=${PORT:-9000}
data=${DATA:-../shared/data/aclImdb_v1-labeled.tar.gz}
batches=${BATCHES:-40}
jar=$(ls imdb-app/target/imdb-sentiment-*.jar | head -n 1)
runs=$(mktemp -d)
log="$runs/app.log"

OMP_NUM_THREADS=1 java -Dorg.deeplearning4j.ui.port="$port" -jar "$jar" --ui-keep --data "$data" \
    --max-batches "$batches" --epochs 2 --output "$runs" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT

scores=0
for _ in $(seq 1 300); do
    scores=$(curl -s "http://localhost:$port/train/overview/data" \
        | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("scores", [])))' 2>/dev/null || echo 0)
    [ "$scores" -ge "$batches" ] && break
    kill -0 "$app" 2>/dev/null || { echo "the app stopped:"; tail -20 "$log"; exit 1; }
    sleep 2
done
[ "$scores" -ge "$batches" ] || { echo "error: the score chart has $scores points, expected $batches"; exit 1; }
echo "score chart: $scores points"

profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --window-size=1400,1000 \
    --virtual-time-budget=15000 --screenshot="$out" "http://localhost:$port/train/overview" 2>/dev/null
echo "screenshot: $out"
