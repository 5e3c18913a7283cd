'use strict';
/**
 * Loads the CLI for bin/p5050.js: the one-file bundle of dist/ (scripts/build-bundle.js) with the V8
 * code cache the build saved beside it, so a cold start neither resolves ~90 modules nor parses and
 * compiles their functions again. Without the bundle it requires dist/cli/main.js as before; a cache
 * that is missing, or that V8 rejects (another Node version, other V8 flags, an edited bundle), only
 * means the bundle is compiled as usual: the results are the same either way.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli', 'bundle.js');
const CODE_CACHE = `${BUNDLE}.cache`;

/** The V8 flags the CLI runs with; the code cache is valid only under the same flags, so the build sets them too. */
const V8_FLAGS = '--heap-growing-percent=25 --semi-space-growth-factor=1';

let script;

function readOrUndefined(file, encoding) {
  try {
    return readFileSync(file, encoding);
  } catch {
    return undefined;
  }
}

/** The exports of dist/cli/main.js. */
function loadCli() {
  // The bundle is ASCII (scripts/build-bundle.js escapes the rest): latin1 reads it exactly, and fastest.
  const source = readOrUndefined(BUNDLE, 'latin1');
  if (source === undefined) return require('../dist/cli/main.js');
  script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData: readOrUndefined(CODE_CACHE) });
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return module.exports;
}

/** Build step: saves the code V8 has compiled so far for the bundle (call after a representative run). */
function saveCodeCache() {
  if (!script) throw new Error(`no bundle loaded (${BUNDLE} is missing)`);
  writeFileSync(CODE_CACHE, script.createCachedData());
}

/** Whether V8 refused the saved cache (undefined before the bundle is loaded, or without one). */
function codeCacheRejected() {
  return script?.cachedDataRejected;
}

module.exports = { loadCli, saveCodeCache, codeCacheRejected, V8_FLAGS, CODE_CACHE };
