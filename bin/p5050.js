#!/usr/bin/env node
'use strict';
// The old generation grows by 25% over what each full collection kept instead of V8's default of up to 4×
// (with a 2 GB heap limit): over a 100,000-post batch the main thread keeps about 17 MB live but its old
// generation reached 56–83 MB (mostly promoted garbage), and every report format went over 200 MB RSS. V8
// reads this flag at each full collection, so it works set here (unlike the young generation's size, fixed
// once the heap exists). The CLI's choice only: the library leaves its host's GC settings alone.
// The young generation stays at its first size (1 MB semi-spaces) instead of doubling up to 16 MB: one
// megabyte post grew it to the limit, 32-46 MB of RSS (a 1 MB post of prose peaked at 118 MB, now 87).
// Like the flag above, V8 reads it each time it would grow the space. Both are in V8_FLAGS, which the
// code cache is built under too (V8 rejects a cache made under other flags).
const { loadCli, V8_FLAGS } = require('./load-cli');
require('v8').setFlagsFromString(V8_FLAGS);
// A reader that stops early (p5050 check … | head) closes the pipe. The CLI sees that (stdout is then
// errored), stops screening and exits with the code the posts screened so far earned.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') return;
  throw err;
});
loadCli().main(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Everything is written: exit now rather than after the garbage collector's pending tasks (about
    // 5–10 ms of a one-post run). Output still queued (a slow pipe) is left to drain first.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  },
  (err) => { process.stderr.write(`p5050: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 2; }
);
