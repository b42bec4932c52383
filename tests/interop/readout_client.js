// One IEC 62056-21 mode C data readout from the meter's optical port through an independent
// client: the npm package smartmeter-obis (its D0 protocol over its serial request/response
// transport, which uses the serialport package on the pseudo-terminal). Prints what the client
// parsed as JSON on stdout:
//   {"values": {"1.8.0": {"raw": "000123.456*kWh", "values": [{"value": 123.456, "unit": "kWh"}]}, ...}}
// keys as smartmeter-obis names them ("96.1.0" for C.1.0, "97.97" for F.F, "1.8.0*1" for 1.8.0*01).
//
// Usage: node readout_client.js PORT   (NODE_PATH must reach smartmeter-obis@4)
// Exit codes: 0 a readout was parsed, 1 the client reported an error, 2 no answer in time.
'use strict';

const SmartmeterObis = require('smartmeter-obis');

const port = process.argv[2];
if (!port) {
  console.error('usage: node readout_client.js PORT');
  process.exit(2);
}

const errors = [];
let transport = null;
let done = false;

function finish(code, output) {
  if (done) return;
  done = true;
  if (output) process.stdout.write(JSON.stringify(output) + '\n');
  const exit = () => process.exit(code);
  if (transport) transport.stop(exit);
  else exit();
}

const options = {
  protocol: 'D0Protocol',
  transport: 'SerialRequestResponseTransport',
  transportSerialPort: port,
  transportSerialBaudrate: 300,
  transportSerialMessageTimeout: 15000,
  protocolD0SignOnMessage: '?',
  protocolD0WakeupCharacters: 0,
  requestInterval: -1, // one readout, then stop
  debug: process.env.READOUT_DEBUG ? 2 : 0,
  logger: (msg) => console.error('smartmeter-obis: ' + msg),
};

transport = SmartmeterObis.init(options, (err, result) => {
  if (err) {
    // Parse errors of single data sets are reported here too; keep going unless no data comes.
    errors.push(String(err && err.message ? err.message : err));
    console.error('smartmeter-obis error: ' + errors[errors.length - 1]);
    if (!result) return;
  }
  if (!result) return;
  const values = {};
  for (const id of Object.keys(result)) {
    const m = result[id];
    values[id] = { raw: m.rawValue, values: m.values.map((v) => ({ value: v.value, unit: v.unit })) };
  }
  finish(errors.length === 0 ? 0 : 1, { values: values, errors: errors });
});

setTimeout(() => {
  console.error('no readout within 30 s' + (errors.length ? ': ' + errors.join('; ') : ''));
  finish(2, null);
}, 30000);

transport.process();
