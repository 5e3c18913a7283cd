#!/usr/bin/env node
'use strict';
/**
 * Build step: compiles every screener's lexicons once (by screening a sample post) and saves what
 * that computed — the stems and folded forms of every lexicon term, and each term's matching steps —
 * into dist/, where src/text/stem.ts, fold.ts and lexicon.ts load it, so a cold start only looks them up.
 */
const { rmSync, writeFileSync } = require('node:fs');
const { STEM_CACHE_FILE, stemCacheSnapshot } = require('../dist/text/stem');
const { FOLD_CACHE_FILE, foldCacheSnapshot } = require('../dist/text/fold');
const { TERM_CACHE_FILE, termCacheSnapshot } = require('../dist/text/lexicon');
const { checkPost } = require('../dist/pipeline');

// Steps saved by an earlier build would be looked up, not recomputed from the current lexicons.
rmSync(TERM_CACHE_FILE, { force: true });
const sample = 'Sample post to compile every lexicon: the library opens at 9. La biblioteca abre a las 9.';
const report = checkPost({ source: 'build', id: 'build', text: sample });
for (const e of report.errors) console.error(`build-compile-cache: screener ${e.screener} failed: ${e.message}`);
writeFileSync(STEM_CACHE_FILE, JSON.stringify(stemCacheSnapshot()));
writeFileSync(FOLD_CACHE_FILE, JSON.stringify(foldCacheSnapshot()));
writeFileSync(TERM_CACHE_FILE, JSON.stringify(termCacheSnapshot()));
