#!/usr/bin/env node
'use strict';
require('v8').setFlagsFromString('--heap-growing-percent=25');
// A reader that stops early (p5050 check … | head) closes the pipe. The CLI sees that (stdout is then
// errored), stops screening and exits with the code the posts screened so far earned.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') return;
  throw err;
});
require('../dist/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`p5050: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
);
