#!/usr/bin/env node
'use strict';
// A reader that stops early (p5050 check … | head) closes the pipe: stop quietly, as other CLIs do.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../dist/cli/main.js').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`p5050: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
);
