#!/usr/bin/env node
'use strict';
/**
 * Build step, after scripts/build-bundle.js: runs the bundled CLI as bin/p5050.js does (same V8 flags)
 * on a sample post in the common report formats, then saves the code V8 compiled for it as
 * dist/cli/bundle.js.cache, which bin/load-cli.js hands back to V8 at start-up.
 */
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { loadCli, saveCodeCache, V8_FLAGS } = require('../bin/load-cli');

require('v8').setFlagsFromString(V8_FLAGS);

const SAMPLE = 'Join us Saturday at 10 AM at Riverside Park! Details: https://cottonwood.gov/parks\nCONFIDENTIAL: draft figures. Vote YES on Measure B.\n';
const silent = { stdout: () => undefined, stderr: () => undefined };

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'p5050-code-cache-'));
  try {
    const post = join(dir, 'post.txt');
    writeFileSync(post, SAMPLE);
    const cli = loadCli();
    for (const format of ['stylish', 'json']) await cli.main(['node', 'p5050', 'check', post, '--no-config', '--format', format], silent);
    saveCodeCache();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`build-code-cache: ${err.stack || err}\n`);
  process.exitCode = 1;
});
