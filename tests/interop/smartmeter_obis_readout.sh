#!/usr/bin/env bash
# Interop: an independent IEC 62056-21 client (the npm package smartmeter-obis, major version 4,
# with the serialport package) reads the meter's optical port in mode C while `quadra run`
# runs, and what it parsed is compared with the meter's registers at the end of the run.
#
# Usage: smartmeter_obis_readout.sh QUADRA_BINARY PEERS_DIR
#   PEERS_DIR  where npm installs the peer (build/peers, shared by the build folders); installed
#              once, reused afterwards.
# Exit codes: 0 pass, 1 fail, 77 skipped (node or npm missing: scripts/deps.sh test installs them).
set -euo pipefail

quadra=${1:?usage: smartmeter_obis_readout.sh QUADRA_BINARY PEERS_DIR}
peers=${2:?usage: smartmeter_obis_readout.sh QUADRA_BINARY PEERS_DIR}
here=$(cd "$(dirname "$0")" && pwd)
serial=QDR00000001          # the default configuration's [meter] serial_number
start=2026-01-01T00:00:00   # local time of meter time 0 (a winter day: CET, no DST)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/deps.sh test installs nodejs and npm)"
    exit 77
  fi
done

# The peer, once: smartmeter-obis@4 and its dependencies (serialport 12 loads the prebuilt
# N-API binding that @serialport/bindings-cpp ships for linux-x64; nothing is compiled).
mkdir -p "$peers"
exec 9> "$peers/.install-lock"  # builds sharing the folder install one at a time
flock 9
have=$(node -p "try { require('$peers/node_modules/smartmeter-obis/package.json').version } catch (e) { '' }")
if [[ "$have" != 4.* ]]; then
  [ -f "$peers/package.json" ] || echo '{ "private": true, "description": "interop peers of the quadra tests" }' > "$peers/package.json"
  echo "installing smartmeter-obis@4 into $peers"
  npm install --prefix "$peers" --no-audit --no-fund --loglevel=error smartmeter-obis@4
  have=$(node -p "require('$peers/node_modules/smartmeter-obis/package.json').version")
fi
flock -u 9
serialport=$(node -p "require('$peers/node_modules/serialport/package.json').version")
echo "peer: smartmeter-obis $have, serialport $serialport, node $(node --version)"

tmp=$(mktemp -d)
quadra_pid=
cleanup() {
  if [ -n "$quadra_pid" ] && kill -0 "$quadra_pid" 2>/dev/null; then kill "$quadra_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

link=$tmp/optical
"$quadra" run --no-store --speed 10 --duration 60s --quiet --start "$start" --wrapper none --hdlc-tcp none --modem none --optical "$link" \
  --report "$tmp/report.json" > "$tmp/quadra.out" 2>&1 &
quadra_pid=$!

for _ in $(seq 100); do
  [ -L "$link" ] && break
  sleep 0.1
done
if [ ! -L "$link" ]; then
  echo "FAIL: quadra made no optical port link at $link"
  cat "$tmp/quadra.out"
  exit 1
fi

status=0
NODE_PATH="$peers/node_modules" node "$here/readout_client.js" "$link" > "$tmp/readout.json" 2> "$tmp/client.err" || status=$?
wait "$quadra_pid" || { echo "FAIL: quadra run exited with $?"; cat "$tmp/quadra.out"; exit 1; }
quadra_pid=

echo "--- quadra run"
cat "$tmp/quadra.out"
echo "--- smartmeter-obis"
cat "$tmp/client.err"
if [ "$status" -ne 0 ]; then
  echo "FAIL: the smartmeter-obis readout ended with code $status"
  exit 1
fi
if ! grep -Eq "^port optical +/dev/pts/[0-9]+ \(link $link\)$" "$tmp/quadra.out"; then
  echo "FAIL: no line 'port optical  /dev/pts/N (link $link)' from quadra run"
  exit 1
fi
node -e "const v = require('$tmp/readout.json').values; for (const k of Object.keys(v)) console.log(k + '(' + v[k].raw + ')')"
echo "--- check against the meter's registers at the end of the run"
node "$here/check_readout.js" "$tmp/readout.json" "$tmp/report.json" "$serial" "$start"
