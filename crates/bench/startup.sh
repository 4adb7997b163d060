#!/bin/bash
# Time from `BIN serve` to its first answer on /health, on DATA_DIR in place (not a copy, so
# the runs after the first read a warm page cache), RUNS times (default 5); prints each in ms.
# The server is stopped as soon as it answers. Use a copy of a seed per binary: a newer
# binary's migrations leave a database that an older one refuses to open.
#   crates/bench/startup.sh target/release/rapport DATA_DIR 5
set -euo pipefail
BIN=$1
DATA=$2
RUNS=${3:-5}
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null || true' EXIT
for _ in $(seq "$RUNS"); do
  T0=$(date +%s%N)
  "$BIN" serve --data "$DATA" --bind 127.0.0.1:18081 > "$DATA/startup.log" 2>&1 &
  PID=$!
  until curl -s -o /dev/null http://127.0.0.1:18081/health; do
    kill -0 "$PID" 2>/dev/null || { cat "$DATA/startup.log"; exit 1; }
    sleep 0.01
  done
  T1=$(date +%s%N)
  echo "$(( (T1 - T0) / 1000000 )) ms"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=
done
