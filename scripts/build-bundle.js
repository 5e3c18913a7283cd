#!/usr/bin/env node
'use strict';
/**
 * Build step: bundles the compiled CLI (dist/cli/main.js and everything it requires, dependencies
 * included) into dist/cli/bundle.js, so a cold start reads and resolves one file instead of ~90.
 * Each bundled file's `__dirname` is rewritten to the folder it had before, so data files
 * (lexicons/, models, dist/*-cache.json, the worker script) are found where they always were.
 */
const { readFileSync } = require('node:fs');
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

esbuild
  .build({ entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')], outfile: BUNDLE, bundle: true, platform: 'node', target: 'node20', format: 'cjs', plugins: [startupFixes], logLevel: 'warning' })
  .catch(() => process.exit(1));
