#!/usr/bin/env node
'use strict';
// A reader that stops early (p5050 check … | head) closes the pipe. The CLI sees that (stdout is then
// errored), stops screening and exits with the code the posts screened so far earned.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') return;
  throw err;
});
require('../dist/cli/main.js').main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Everything is written: exit now rather than after the garbage collector's pending tasks (about
    // 5–10 ms of a one-post run). Output still queued (a slow pipe) is left to drain first.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  },
  (err) => { process.stderr.write(`p5050: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
);
