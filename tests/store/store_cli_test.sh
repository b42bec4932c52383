#!/usr/bin/env bash
# The store as a user meets it through the command line: a meter that goes on after a restart,
# a configuration that does not change under the registers unless asked (event 47), a damaged
# store refused with its file kept, and `quadra dump` reading it all back.
# Usage: store_cli_test.sh QUADRA_BINARY WORK_DIR
set -euo pipefail
quadra=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
data=$work/data
fail() { echo "FAILED: $*" >&2; exit 1; }

printf '[events]\nfraud = 50\n' >"$work/a.toml"
printf '[events]\nfraud = 60\n' >"$work/b.toml"
printf '[events]\nfraud = 60\n[profile1]\ncapture = ["1.0.1.8.0.255"]\n' >"$work/c.toml"

# A new meter, then the same meter again: it goes on from its store.
"$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1d --quiet --data "$data" --config "$work/a.toml" >"$work/run1.txt" 2>&1
grep -q "new meter: its store is $data/QDR00000001.db" "$work/run1.txt" || fail "first run did not create the store"
"$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1h --quiet --data "$data" --config "$work/a.toml" >"$work/run2.txt" 2>&1
grep -q "meter restored from $data/QDR00000001.db: meter time 1d 00:00:00" "$work/run2.txt" || fail "second run did not restore"

# Profile 1 holds 24 h of quarter hours plus the hour after the restart, clock strictly increasing.
"$quadra" dump profile 1 --csv --store "$data" >"$work/p1.csv"
head -1 "$work/p1.csv" | grep -q '^time_utc,time_local,status,1.0.1.8.0.255,' || fail "profile header"
rows=$(($(wc -l <"$work/p1.csv") - 1))
[ "$rows" -ge 100 ] || fail "profile 1 has $rows rows"
cut -d, -f1 "$work/p1.csv" | tail -n +2 | sort -c -u || fail "profile 1 clock column not strictly increasing"
"$quadra" dump profile 1 --csv --store "$data" --from 2026-01-01T06:00 --to 2026-01-01T07:00 >"$work/p1h.csv"
[ "$(($(wc -l <"$work/p1h.csv") - 1))" -eq 5 ] || fail "06:00..07:00 should hold 5 quarter-hour rows"
"$quadra" dump log standard --csv --store "$data" | grep -q ',1,"power down"' || fail "no power down at the restart"
"$quadra" dump log standard --csv --store "$data" | grep -q ',2,"power up"' || fail "no power up at the restart"

# Another configuration is refused, unless asked for; one that cannot hold the state is refused too.
if "$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1h --quiet --data "$data" --config "$work/b.toml" >"$work/run3.txt" 2>&1; then
  fail "a different configuration was accepted silently"
fi
grep -q "holds a meter made with another configuration" "$work/run3.txt" || fail "no clear refusal: $(cat "$work/run3.txt")"
if "$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1h --quiet --data "$data" --config "$work/c.toml" --reconfigure >"$work/run4.txt" 2>&1; then
  fail "a configuration that cannot hold the profile was accepted"
fi
grep -q "the new configuration cannot take over this meter: load_profile.row" "$work/run4.txt" || fail "$(cat "$work/run4.txt")"
"$quadra" dump config --store "$data" | grep -q "fraud = 50" || fail "the refused configuration was recorded"
"$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1h --quiet --data "$data" --config "$work/b.toml" --reconfigure >"$work/run5.txt" 2>&1
"$quadra" dump log configuration --csv --store "$data" | grep -q ',47,"parameters changed"' || fail "no event 47"
"$quadra" dump config --store "$data" | grep -q "fraud = 60" || fail "the new configuration was not recorded"

# A damaged store: refused with the reason, and the file is kept byte for byte. The damage hits the
# snapshot record's magic wherever it stands (random flips, which may land in free space, are the
# corruption unit test's business).
db=$data/QDR00000001.db
offsets=$(grep -obUa "QDRS" "$db" | cut -d: -f1)
[ -n "$offsets" ] || fail "no snapshot record found in the store file"
for at in $offsets; do printf 'XXXX' | dd of="$db" bs=1 seek="$at" conv=notrunc status=none; done
sum=$(sha256sum "$db" | cut -d' ' -f1)
if "$quadra" run --wrapper none --hdlc-tcp none --modem none --fast --speed max --duration 1h --quiet --data "$data" --config "$work/b.toml" >"$work/run6.txt" 2>&1; then
  fail "a damaged store was accepted: $(tail -3 "$work/run6.txt")"
fi
grep -q "is damaged: store.snapshot: does not start with the snapshot magic; it was left as it is" "$work/run6.txt" ||
  fail "no clear message: $(cat "$work/run6.txt")"
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum" ] || fail "the damaged store was changed"
echo "store CLI test: restart, dump, reconfiguration and damage all behave"
rm -rf "$work"
