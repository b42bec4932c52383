#!/usr/bin/env bash
# `quadra read` against `quadra run`: the meter serves DLMS/COSEM on a free TCP port, the client
# reads the clock, a register with its scaler and unit, the object list (also in 256-octet
# blocks: GET-Request-Next to the last block, the same text), a load profile by entries and by
# time range as CSV, sets the clock with LLS, and every refusal comes back as one clear line.
# The same reads over HDLC, on the meter's HDLC-over-TCP port and on its serial port 1 (a pty),
# and on its optical port after the IEC 62056-21 mode E switch, give what the wrapper gives; a link
# the server refuses (DM) or never answers is one line too.
# Usage: read_cli_test.sh QUADRA_BINARY WORK_DIR
set -euo pipefail
quadra=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAILED: $*" >&2; exit 1; }

# The meter, kept running by an open standard input; its port from its first lines.
mkfifo "$work/stdin"
"$quadra" run --no-store --quiet --speed 60 --duration 2h --wrapper 127.0.0.1:0 --hdlc-tcp 127.0.0.1:0 \
  --serial1 "$work/serial1" --serial2 none --optical "$work/optical" --modem none <"$work/stdin" >"$work/run.txt" 2>&1 &
meter=$!
exec 3>"$work/stdin"
cleanup() {
  exec 3>&- || true
  kill "$meter" 2>/dev/null || true
  wait "$meter" 2>/dev/null || true
}
trap cleanup EXIT
address=
for _ in $(seq 100); do
  address=$(sed -n 's/^port wrapper  *tcp \([0-9.]*:[0-9]*\).*/\1/p' "$work/run.txt" | head -1)
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || fail "the meter did not say its port: $(cat "$work/run.txt")"
hdlc_address=$(sed -n 's/^port hdlc  *tcp \([0-9.]*:[0-9]*\).*/\1/p' "$work/run.txt" | head -1)
[ -n "$hdlc_address" ] || fail "the meter did not say its HDLC port: $(cat "$work/run.txt")"
serial=$work/serial1
[ -e "$serial" ] || fail "no serial port 1 at $serial: $(cat "$work/run.txt")"
lls=(--client 17 --auth low --password 12345678)

# The clock (class 8 by default), printed as a date-time, and the APDUs on stderr with --hex.
"$quadra" read "$address" 0.0.1.0.0.255 --hex >"$work/clock.txt" 2>"$work/clock.hex"
grep -Eq '^octet-string 20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}' "$work/clock.txt" || fail "clock: $(cat "$work/clock.txt")"
grep -q '^>  C0 01 C1 00 08 00 00 01 00 00 FF 02 00$' "$work/clock.hex" || fail "no GET of the clock in the transcript"
grep -q '^<  63 03 80 01 00$' "$work/clock.hex" || fail "no RLRE in the transcript"

# +A total (class 3): attribute 2 with attribute 3's scaler and unit.
"$quadra" read "$address" 1.0.1.8.0.255 >"$work/energy.txt"
grep -Eq '^[0-9.]+ Wh$' "$work/energy.txt" || fail "energy: $(cat "$work/energy.txt")"
"$quadra" read "$address" 1.0.1.8.0.255 --json | grep -Eq '"text": "[0-9.]+ Wh"' || fail "energy as JSON"
"$quadra" read "$address" 1.0.1.8.0.255 3 >"$work/scaler.txt"
grep -q 'enum 30' "$work/scaler.txt" || fail "scaler_unit: $(cat "$work/scaler.txt")"

# The object list, in one APDU and in blocks of at most 256 octets: the same lines.
"$quadra" read "$address" --object-list "${lls[@]}" >"$work/objects.txt"
"$quadra" read "$address" --object-list "${lls[@]}" --max-pdu 256 --hex >"$work/objects-blocks.txt" 2>"$work/objects.hex"
cmp -s "$work/objects.txt" "$work/objects-blocks.txt" || fail "the object list read in blocks differs"
grep -q '^class   8  v0  0.0.1.0.0.255 ' "$work/objects.txt" || fail "no clock in the object list"
grep -q '^class   7  v1  1.0.99.1.0.255 ' "$work/objects.txt" || fail "no load profile 1 in the object list"
[ "$(grep -c '^>  C0 02 C1' "$work/objects.hex")" -ge 2 ] || fail "no GET-Request-Next with --max-pdu 256"

# General block transfer: the object list in GBT blocks of at most 256 octets, each acknowledged
# (window 1), reassembled to the same lines; also over HDLC and with HLS-GMAC ciphering inside.
"$quadra" read "$address" --object-list "${lls[@]}" --gbt --max-pdu 256 --hex >"$work/objects-gbt.txt" 2>"$work/objects-gbt.hex"
cmp -s "$work/objects.txt" "$work/objects-gbt.txt" || fail "the object list read in GBT blocks differs"
grep -q '^<  E0 01 00 01 00 00 ' "$work/objects-gbt.hex" || fail "no first GBT block in the transcript"
grep -q '^>  E0 81 00 01 00 01 00$' "$work/objects-gbt.hex" || fail "no acknowledgement of GBT block 1"
grep -q '^<  E0 81 ' "$work/objects-gbt.hex" || fail "no last GBT block"
if grep -q '^>  C0 02 ' "$work/objects-gbt.hex"; then fail "GET-Request-Next with GBT"; fi
"$quadra" read --hdlc "$hdlc_address" --object-list "${lls[@]}" --gbt --max-pdu 300 >"$work/objects-gbt-hdlc.txt"
cmp -s "$work/objects.txt" "$work/objects-gbt-hdlc.txt" || fail "the object list in GBT blocks over HDLC differs"

# Load profile 1 by entries and by time range, as CSV with the capture objects as header.
sleep 1
"$quadra" read "$address" --profile 1.0.99.1.0.255 --entries 1..2 --csv "${lls[@]}" >"$work/entries.csv"
head -1 "$work/entries.csv" | grep -q '^8/0.0.1.0.0.255/2,' || fail "profile header: $(head -1 "$work/entries.csv")"
[ "$(wc -l <"$work/entries.csv")" -ge 2 ] || fail "no profile rows by entry"
"$quadra" read "$address" --profile 1.0.99.1.0.255 --from 2020-01-01T00:00 --to 2099-12-31T23:59 --csv "${lls[@]}" >"$work/range.csv"
[ "$(wc -l <"$work/range.csv")" -ge 2 ] || fail "no profile rows by range"

# Over HDLC (TCP and serial): the same object list (long: many I-frames with RR between them),
# the same scaler_unit, an energy reading between two wrapper readings (the meter runs), the same
# first profile entry by entry and by time range, and an HLS-GMAC ciphered association.
energy_wh() { "$quadra" read "$@" 1.0.1.8.0.255 | sed -n 's/^\([0-9]*\) Wh$/\1/p'; }  # scaler 0
for link in "--hdlc $hdlc_address" "--serial $serial --baud 9600"; do
  name=${link%% *}
  # shellcheck disable=SC2086
  "$quadra" read $link --object-list "${lls[@]}" >"$work/objects$name.txt" || fail "$name object list"
  cmp -s "$work/objects.txt" "$work/objects$name.txt" || fail "$name: the object list differs from the wrapper's"
  # shellcheck disable=SC2086
  "$quadra" read $link 1.0.1.8.0.255 3 --hex >"$work/scaler$name.txt" 2>"$work/scaler$name.hex"
  cmp -s "$work/scaler.txt" "$work/scaler$name.txt" || fail "$name: scaler_unit $(cat "$work/scaler$name.txt")"
  grep -q '^>  C0 01 C1 00 03 01 00 01 08 00 FF 03 00$' "$work/scaler$name.hex" || fail "$name: no GET in the transcript"
  before=$(energy_wh "$address")
  # shellcheck disable=SC2086
  over=$(energy_wh $link)
  after=$(energy_wh "$address")
  [ -n "$before" ] && [ -n "$over" ] && [ -n "$after" ] || fail "$name: energy values \"$before\" \"$over\" \"$after\""
  [ "$before" -le "$over" ] && [ "$over" -le "$after" ] || fail "$name: energy $over not within $before..$after"
  # shellcheck disable=SC2086
  "$quadra" read $link --profile 1.0.99.1.0.255 --entries 1..1 --csv "${lls[@]}" >"$work/entry$name.csv"
  head -2 "$work/entries.csv" | cmp -s - "$work/entry$name.csv" || fail "$name: profile entry 1 differs"
  # shellcheck disable=SC2086
  "$quadra" read $link --profile 1.0.99.1.0.255 --from 2020-01-01T00:00 --to 2099-12-31T23:59 --csv "${lls[@]}" \
    >"$work/range$name.csv"
  head -2 "$work/range$name.csv" | cmp -s - "$work/entry$name.csv" || fail "$name: profile range starts elsewhere"
  # shellcheck disable=SC2086
  "$quadra" read $link 0.0.1.0.0.255 --client 1 --auth high --system-title 4D4D4D0000000001 \
    --ek 000102030405060708090A0B0C0D0E0F --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF >"$work/hls$name.txt"
  grep -Eq '^octet-string 20[0-9]{2}-' "$work/hls$name.txt" || fail "$name HLS clock: $(cat "$work/hls$name.txt")"
done

# The optical port: IEC 62056-21 sign-on, mode E ("ACK 2 Z 2"), then HDLC: the same scaler_unit
# and first profile entry; afterwards the port is back in mode C for the next sign-on.
"$quadra" read --optical "$work/optical" 1.0.1.8.0.255 3 --hex >"$work/scaler-optical.txt" 2>"$work/optical.hex"
cmp -s "$work/scaler.txt" "$work/scaler-optical.txt" || fail "optical: scaler_unit $(cat "$work/scaler-optical.txt")"
grep -q ', mode E$' "$work/optical.hex" || fail "optical: no mode E identification: $(head -2 "$work/optical.hex")"
"$quadra" read --optical "$work/optical" --profile 1.0.99.1.0.255 --entries 1..1 --csv "${lls[@]}" >"$work/entry-optical.csv"
head -2 "$work/entries.csv" | cmp -s - "$work/entry-optical.csv" || fail "optical: profile entry 1 differs"

# Setting the clock with LLS, and reading it back.
"$quadra" read "$address" 0.0.1.0.0.255 2 --set 2026-06-01T12:00:00 --type date-time "${lls[@]}" | grep -q '^set 8/0.0.1.0.0.255/2: success$' || fail "set clock"
"$quadra" read "$address" 0.0.1.0.0.255 | grep -q '2026-06-01 12:00' || fail "the clock was not set"

# The management client: HLS-GMAC with suite-0 ciphering under the DLMS UA example keys (the
# meter's test keys). Each run goes on from the meter's invocation counter (0.0.43.1.0.255), so
# two runs in a row both associate; a stale counter or a wrong key is refused.
hls=(--client 1 --auth high --system-title 4D4D4D0000000001 --ek 000102030405060708090A0B0C0D0E0F
  --ak D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF)
"$quadra" read "$address" 0.0.1.0.0.255 "${hls[@]}" --hex >"$work/hls1.txt" 2>"$work/hls1.hex"
grep -Eq '^octet-string 20[0-9]{2}-' "$work/hls1.txt" || fail "HLS clock: $(cat "$work/hls1.txt")"
grep -q '^>  C8 ' "$work/hls1.hex" || fail "no glo-get-request in the HLS transcript"
grep -q '^>p C3 01 C1 00 0F 00 00 28 00 00 FF 01 01 09 11 10 ' "$work/hls1.hex" || fail "no reply_to_HLS_authentication"
"$quadra" read "$address" --object-list "${hls[@]}" --max-pdu 300 >"$work/objects-hls.txt"
grep -q '^class  15  v[0-9]  0.0.40.0.0.255 ' "$work/objects-hls.txt" || fail "HLS object list"
"$quadra" read "$address" --object-list "${hls[@]}" --max-pdu 300 --gbt --hex >"$work/objects-hls-gbt.txt" 2>"$work/objects-hls-gbt.hex"
cmp -s "$work/objects-hls.txt" "$work/objects-hls-gbt.txt" || fail "HLS object list in GBT blocks differs"
grep -q '^<  E0 01 00 01 00 00 ' "$work/objects-hls-gbt.hex" || fail "no GBT block in the HLS transcript"
if "$quadra" read "$address" 0.0.1.0.0.255 "${hls[@]}" --invocation-counter 1 >"$work/out.txt" 2>"$work/err.txt"; then
  fail "a stale invocation counter was accepted"
fi
grep -q "ciphered with invocation counter 1" "$work/err.txt" || fail "stale counter: $(cat "$work/err.txt")"

# Refusals: one line each, exit code 2.
expect_error() {
  local pattern=$1
  shift
  if "$quadra" read "$@" >"$work/out.txt" 2>"$work/err.txt"; then fail "accepted: $*"; fi
  grep -qF -- "$pattern" "$work/err.txt" || fail "expected \"$pattern\" for $*, got: $(cat "$work/err.txt")"
}
expect_error "authentication-failure (13)" "$address" 1.0.1.8.0.255 --client 17 --auth low --password wrong
expect_error "GET 1/0.0.96.1.0.255/3: data-access-result" "$address" 0.0.96.1.0.255 3
expect_error "data-access-result read-write-denied (3)" "$address" 1.0.1.8.0.255 2 --set 1 --type long64-unsigned "${lls[@]}"
expect_error "is not an OBIS code" "$address" 1.0.1.8.0
expect_error "--type long-unsigned: \"70000\" is not a number in 0..65535" "$address" 0.0.1.0.0.255 --set 70000 --type long-unsigned
# HDLC: another physical address is never answered; the wrapper port is no HDLC port; a device
# that does not open; a serial port whose link another client holds answers DM.
expect_error "$hdlc_address: no UA to SNRM within 500 ms (client 16, server 1/17 (4-byte address))" \
  --hdlc "$hdlc_address" 1.0.1.8.0.255 --physical 17 --timeout 500
expect_error "$address: the peer closed the connection (waiting for the UA to SNRM)" --hdlc "$address" 1.0.1.8.0.255
expect_error "cannot open serial device $work/absent: No such file or directory" --serial "$work/absent" 1.0.1.8.0.255
expect_error "--hdlc, --serial and --optical exclude each other" --hdlc "$hdlc_address" --serial "$serial" 1.0.1.8.0.255
expect_error "$serial: no identification to the sign-on \"/?!\" within the time-out" --optical "$serial" 1.0.1.8.0.255 --timeout 1000
# SNRM from client 17 to server 1 (1-byte address), FCS by CRC-16/X.25 as IEC 62056-46 asks.
exec 4<>"$serial"
printf '\x7e\xa0\x07\x03\x23\x93\xbf\x32\x7e' >&4
sleep 0.5
expect_error "$serial: the server answered SNRM with DM (disconnected mode) (client 16, server 1/16 (4-byte address)): it refused the link" \
  --serial "$serial" 1.0.1.8.0.255
# DISC from client 17 frees the port again.
printf '\x7e\xa0\x07\x03\x23\x53\xb3\xf4\x7e' >&4
sleep 0.5
exec 4>&-
"$quadra" read --serial "$serial" 1.0.1.8.0.255 3 | cmp -s - "$work/scaler.txt" || fail "serial port after DISC"
cleanup
trap - EXIT
if "$quadra" read "$address" 0.0.1.0.0.255 --timeout 1000 >"$work/out.txt" 2>"$work/err.txt"; then fail "read from a stopped meter"; fi
grep -q "cannot connect to 127.0.0.1:" "$work/err.txt" || fail "stopped meter: $(cat "$work/err.txt")"
echo "quadra read: all checks passed"
