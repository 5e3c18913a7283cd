#!/usr/bin/env node
'use strict';
/**
 * Build step: bundles the compiled CLI (dist/cli/main.js and everything it requires, dependencies
 * included) into dist/cli/bundle.js, so a cold start reads and resolves one file instead of ~90.
 * Each bundled file's `__dirname` is rewritten to the folder it had before, so data files
 * (lexicons/, models, dist/*-cache.json, the worker script) are found where they always were.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'cli', 'bundle.js');

/** `__dirname` as the file's own folder, relative to the bundle's. */
function keepDirname(source, path) {
  if (!source.includes('__dirname')) return source;
  const from = JSON.stringify(relative(dirname(BUNDLE), dirname(path)));
  return source.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${from})`);
}

// commander requires node:child_process (with node:net, ~2 ms) at load, only to run executable
// subcommands, which p5050 has none of: it is required when spawn is first called instead.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const LAZY_CHILD_PROCESS = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";

function lazyChildProcess(source, path) {
  return path.endsWith(join('commander', 'lib', 'command.js')) ? source.replace(COMMANDER_CHILD_PROCESS, LAZY_CHILD_PROCESS) : source;
}

const startupFixes = {
  name: 'p5050-startup',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: lazyChildProcess(keepDirname(source, args.path), args.path), loader: 'js' };
    });
  },
};

/**
 * Non-ASCII characters (in regex literals and comments, which esbuild leaves as they are) as \u escapes:
 * an ASCII file is read into a one-byte string several times faster (a cold start decoded the 1.4 MB
 * bundle in 5–11 ms, 1 ms as ASCII). The escapes mean the same in strings, regexes (with or without
 * the u flag, surrogate pairs included) and comments; no template's raw text holds such a character.
 */
const asAscii = (code) => code.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

esbuild
  .build({ entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')], outfile: BUNDLE, bundle: true, platform: 'node', target: 'node20', format: 'cjs', plugins: [startupFixes], logLevel: 'warning', write: false })
  .then((result) => {
    for (const file of result.outputFiles) writeFileSync(file.path, asAscii(file.text));
  })
  .catch(() => process.exit(1));
