#!/usr/bin/env bash
# A firmware update as a head-end user runs it against `quadra run`, with the program's own client
# (`quadra read`, the management client over HLS-GMAC with ciphering): a package made with
# `quadra image make`, image_transfer_initiate, blocks out of order, the meter killed (SIGKILL) in
# the middle, the transfer resumed where the store left it, a corrupted block that fails
# image_verify, the good block, image_verify, image_activate; the activated identifier and
# signature stay after another kill, and the standard log shows events 17 and 18.
# Usage: image_update_test.sh QUADRA_BINARY WORK_DIR
set -euo pipefail
quadra=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
data=$work/data
pid=
fail() { echo "FAILED: $*" >&2; [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; exit 1; }

head -c 3000 /dev/urandom >"$work/payload.bin"
"$quadra" image make --identifier QUADRA-2.0.0 --in "$work/payload.bin" --out "$work/fw.img" >"$work/make.txt"
grep -q 'firmware package "QUADRA-2.0.0", 3060 octets (3 blocks of 1024)' "$work/make.txt" || fail "image make: $(cat "$work/make.txt")"
sha=$(sha256sum "$work/payload.bin" | cut -d' ' -f1 | tr a-f A-F)

start() {
  "$quadra" run --speed 1 --quiet --data "$data" --wrapper 127.0.0.1:0 --hdlc-tcp none --modem none --serial1 none \
    --serial2 none --optical none >"$work/run.txt" 2>&1 &
  pid=$!
  for _ in $(seq 100); do grep -q "^port wrapper" "$work/run.txt" 2>/dev/null && break; sleep 0.1; done
  port=$(grep "^port wrapper" "$work/run.txt" | sed 's/.*://')
  [ -n "$port" ] || fail "no wrapper port: $(cat "$work/run.txt")"
}
kill9() { kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
manager=(--client 1 --auth high --system-title 4D4D4D0000BC614E --ek 000102030405060708090A0B0C0D0E0F
  --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF)
act() { "$quadra" read "127.0.0.1:$port" 0.0.44.0.0.255 --class 18 "${manager[@]}" --action "$1" --param "$2" --type raw 2>&1 | tail -1; }
get() { "$quadra" read "127.0.0.1:$port" "$1" "${3:-2}" --class "$2" "${manager[@]}" 2>&1 | tail -1; }
hexof() { od -An -tx1 -v | tr -d ' \n'; }
# image_block_transfer of block $2 of file $1: structure { double-long-unsigned n, octet-string }.
block() {
  local h
  h=$(dd if="$1" bs=1024 skip="$2" count=1 status=none | hexof)
  act 2 "020206$(printf %08X "$2")0982$(printf %04X $((${#h} / 2)))$h"
}
expect() { [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"; }
cp "$work/fw.img" "$work/bad.img"
printf '\x00' | dd of="$work/bad.img" bs=1 seek=1500 conv=notrunc status=none  # a byte of block 1

start
ok="action 18/0.0.44.0.0.255"
expect initiate "$(act 1 "0202090C$(printf QUADRA-2.0.0 | hexof)0600000BF4")" "$ok/1: success"
expect "block 2" "$(block "$work/fw.img" 2)" "$ok/2: success"
expect "block 0" "$(block "$work/fw.img" 0)" "$ok/2: success"
kill9
start
expect "status after kill" "$(get 0.0.44.0.0.255 18 6)" "enum 1"
expect "blocks after kill" "$(get 0.0.44.0.0.255 18 3)" "bit-string 101"
expect "first missing after kill" "$(get 0.0.44.0.0.255 18 4)" "double-long-unsigned 1"
expect "corrupted block 1" "$(block "$work/bad.img" 1)" "$ok/2: success"
case "$(act 3 0F00)" in *other-reason* | *250*) ;; *) fail "a corrupted image verified" ;; esac
expect "status after failed verify" "$(get 0.0.44.0.0.255 18 6)" "enum 4"
case "$(act 4 0F00)" in *success*) fail "an image that failed verification was activated" ;; esac
expect "good block 1" "$(block "$work/fw.img" 1)" "$ok/2: success"
expect verify "$(act 3 0F00)" "$ok/3: success"
expect activate "$(act 4 0F00)" "$ok/4: success"
kill9
start
expect "identifier after kill" "$(get 1.0.0.2.0.255 1)" 'visible-string "QUADRA-2.0.0"'
expect "signature after kill" "$(get 1.0.0.2.8.255 1)" "octet-string $sha"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
"$quadra" dump log standard --csv --store "$data" >"$work/log.csv"
grep -q ',17,"firmware ready for activation"' "$work/log.csv" || fail "no event 17: $(cat "$work/log.csv")"
grep -q ',18,"firmware activated"' "$work/log.csv" || fail "no event 18"
echo "image update test: transfer resumed after SIGKILL, corrupted image refused, QUADRA-2.0.0 activated and kept"
