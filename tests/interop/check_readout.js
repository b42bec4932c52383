// Compares what smartmeter-obis read over the optical port (readout_client.js) with the meter's
// registers at the end of the same run (quadra run --report FILE.json).
//
// Usage: node check_readout.js READOUT.json REPORT.json SERIAL START
//   SERIAL  the serial number the meter was configured with (C.1.0 must equal it)
//   START   the local date-time of meter time 0 (quadra run --start), YYYY-MM-DDTHH:MM:SS
//
// What must hold (the readout is taken while the meter runs, the report when it stops):
// - C.1.0 is the serial number, and every unit is the VDEW unit of its register, exactly;
// - the meter's date and time (0.9.2, 0.9.1) lie between START and the end of the run;
// - no energy register read is above its final value (registers never run backwards), and the
//   +A total read differs from the final one by at most the energy of the rest of the run:
//   final - read <= 1.5 * average power * (end - readout time + 1 s) + 1 Wh, and
//   read >= 0.5 * average power * (readout time - 1 s) - 1 Wh (the built-in scenario's load is
//   nearly constant over the first minutes of its day);
// - the maximum demand read is not above its final value; the billing counter and the error
//   register equal the final ones; voltages within 5 V and the frequency within 0.1 Hz of the
//   final ones.
// Prints one line per check and "N passed, M failed"; exit code 0 only when all passed.
'use strict';

const fs = require('fs');

const [readoutPath, reportPath, serial, start] = process.argv.slice(2);
if (!readoutPath || !reportPath || !serial || !start) {
  console.error('usage: node check_readout.js READOUT.json REPORT.json SERIAL START');
  process.exit(2);
}
const readout = JSON.parse(fs.readFileSync(readoutPath, 'utf8')).values;
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const registers = {};
for (const r of report.registers) registers[r.obis] = r;

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else failed++;
  console.log((ok ? 'ok    ' : 'FAILED') + ' ' + what);
}
function first(id) {
  const m = readout[id];
  return m && m.values && m.values.length > 0 ? m.values[0] : undefined;
}
function number(id) {
  const v = first(id);
  return v === undefined ? NaN : Number(v.value);
}
function final(obis) {
  const r = registers[obis];
  return r === undefined ? NaN : r.value;
}

// Identification and units.
const sn = first('96.1.0');
check(sn !== undefined && String(sn.value) === serial, `C.1.0 is the serial number ${serial} (read ${sn && sn.value})`);
const units = {
  'kWh': ['1.8.0', '1.8.1', '1.8.2', '1.8.3', '1.8.4', '2.8.0', '2.8.1', '2.8.2', '2.8.3', '2.8.4'],
  'kvarh': ['3.8.0', '4.8.0'],
  'kW': ['1.6.0', '1.2.0'],
  'V': ['32.7.0', '52.7.0', '72.7.0'],
  'A': ['31.7.0', '51.7.0', '71.7.0'],
  'Hz': ['14.7.0'],
};
for (const unit of Object.keys(units)) {
  for (const id of units[unit]) {
    const v = first(id);
    check(v !== undefined && v.unit === unit, `${id} is in ${unit} (read ${v ? JSON.stringify(v) : 'nothing'})`);
  }
}

// The time of the readout, in seconds of meter time.
function pad6(v) {
  return String(v).padStart(6, '0');
}
const date = first('0.9.2');
const time = first('0.9.1');
let tRead = NaN;
if (date !== undefined && time !== undefined) {
  const d = pad6(date.value);
  const t = pad6(time.value);
  const local = Date.UTC(2000 + Number(d.slice(0, 2)), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6)),
    Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)));
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(start);
  const t0 = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
  tRead = (local - t0) / 1000;  // both local times of one winter day: no DST between them
}
const tEnd = report.meter_time_s;
check(tRead >= 0 && tRead <= tEnd, `the readout's date and time (${date && date.value} ${time && time.value}) is ${tRead} s of meter time, within 0..${tEnd} s`);

// Energies: never above the final value.
for (const c of [1, 2, 3, 4]) {
  for (const e of (c <= 2 ? [0, 1, 2, 3, 4] : [0])) {
    const id = `${c}.8.${e}`;
    const read = number(id) * 1000;
    const fin = final(`1.0.${c}.8.${e}.255`);
    check(read <= fin + 1e-6, `${id}: ${read} Wh read <= ${fin} Wh at the end`);
  }
}
const aRead = number('1.8.0') * 1000;
const aFinal = final('1.0.1.8.0.255');
const pAvg = aFinal / tEnd * 3600;  // W
const maxRest = 1.5 * pAvg * (tEnd - tRead + 1) / 3600 + 1;
const minRead = 0.5 * pAvg * (tRead - 1) / 3600 - 1;
check(aFinal - aRead >= -1e-6 && aFinal - aRead <= maxRest,
  `+A: ${aFinal} Wh at the end - ${aRead} Wh read = ${(aFinal - aRead).toFixed(3)} Wh, at most ${maxRest.toFixed(1)} Wh for the ${(tEnd - tRead).toFixed(0)} s after the readout (average ${pAvg.toFixed(0)} W)`);
check(aRead >= minRead, `+A: ${aRead} Wh read >= ${minRead.toFixed(1)} Wh after ${tRead} s at about ${pAvg.toFixed(0)} W`);

// Demand, counters, instantaneous values.
const md = number('1.6.0') * 1000;
check(md <= final('1.0.1.6.0.255') + 1e-6, `1.6.0: ${md} W read <= ${final('1.0.1.6.0.255')} W at the end`);
check(Number(first('0.1.0') && first('0.1.0').value) === report.billing.counter,
  `0.1.0: billing counter ${first('0.1.0') && first('0.1.0').value} = ${report.billing.counter}`);
const ff = first('97.97');
const ffFinal = final('0.0.97.97.0.255');
check(ff !== undefined && parseInt(String(ff.value), 16) === ffFinal, `F.F: ${ff && ff.value} = error register ${ffFinal}`);
for (const [id, obis] of [['32.7.0', '1.0.32.7.0.255'], ['52.7.0', '1.0.52.7.0.255'], ['72.7.0', '1.0.72.7.0.255']]) {
  check(Math.abs(number(id) - final(obis)) < 5, `${id}: ${number(id)} V read, ${final(obis).toFixed(2)} V at the end`);
}
check(Math.abs(number('14.7.0') - final('1.0.14.7.0.255')) < 0.1,
  `14.7.0: ${number('14.7.0')} Hz read, ${final('1.0.14.7.0.255').toFixed(3)} Hz at the end`);

console.log(`smartmeter-obis readout: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
