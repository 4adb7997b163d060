#!/bin/bash
# The server's CPU from start to idle, for background work that runs at start-up (an upgrade,
# the hourly sweep): starts `BIN serve` on a fresh copy of SEED_DIR and reads its CPU time from
# /proc until four readings half a second apart are the same.
#   crates/bench/settle.sh target/release/rapport SEED_DIR
set -euo pipefail
BIN=$1
SRC=$2
RUN=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$RUN"' EXIT
cp -r "$SRC"/. "$RUN"
T0=$(date +%s.%N)
"$BIN" serve --data "$RUN" --bind 127.0.0.1:18080 > "$RUN/server.log" 2>&1 &
PID=$!
until curl -s -o /dev/null http://127.0.0.1:18080/health; do sleep 0.1; done
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
last=$(cpu)
idle=0
while [ "$idle" -lt 4 ]; do
  sleep 0.5
  now=$(cpu)
  if [ "$now" = "$last" ]; then idle=$((idle + 1)); else idle=0; fi
  last=$now
done
T1=$(date +%s.%N)
echo "elapsed $(echo "$T1 - $T0 - 2" | bc) s, cpu $(echo "scale=2; $last / $(getconf CLK_TCK)" | bc) s"
