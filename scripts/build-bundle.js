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
const keepDirname = {
  name: 'keep-dirname',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('__dirname')) return undefined;
      const from = JSON.stringify(relative(dirname(BUNDLE), dirname(args.path)));
      return { contents: source.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${from})`), loader: 'js' };
    });
  },
};

esbuild
  .build({ entryPoints: [join(ROOT, 'dist', 'cli', 'main.js')], outfile: BUNDLE, bundle: true, platform: 'node', target: 'node20', format: 'cjs', plugins: [keepDirname], logLevel: 'warning' })
  .catch(() => process.exit(1));
