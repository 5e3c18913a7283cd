#!/usr/bin/env node
'use strict';
// Model-only measurement of the harassment classifier on the development sets in ../shared/eval.
// Build first (npx tsc -p .), then: node scripts/eval-model.js [--eval-dir DIR] [--show-errors]
// Also reports the held-out city-government posts (templates in src/model/civicTemplates.ts the model never
// trained on; regenerated here with the training config, so they match what `npm run train` held out).
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { buildDocument } = require('../dist/text/document.js');
const { scoreHarassment, modelThresholds } = require('../dist/model/harassment.js');
const { metricsAt } = require('../dist/model/metrics.js');
const { civicDomainRows } = require('../dist/model/augment.js');
const { DEFAULT_CONFIG } = require('../dist/model/train.js');

function parseArgs(argv) {
  const options = { evalDir: resolve(__dirname, '..', '..', 'shared', 'eval'), showErrors: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--eval-dir') options.evalDir = resolve(argv[++i]);
    else if (argv[i] === '--show-errors') options.showErrors = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

function readRows(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function score(rows) {
  return rows.map((row) => ({ row, doc: buildDocument(row.text), probability: 0 })).map((item) => {
    item.probability = scoreHarassment(item.doc).probability;
    return item;
  });
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const num = (x) => x.toFixed(3);

function report(name, scored, thresholds) {
  const probabilities = scored.map((s) => s.probability);
  const labels = scored.map((s) => s.row.label);
  const positives = labels.filter((l) => l === 1).length;
  console.log(`\n${name}: ${scored.length} rows (${positives} label 1, ${scored.length - positives} label 0)`);
  for (const [level, t] of Object.entries(thresholds)) {
    const m = metricsAt(probabilities, labels, t);
    const parts = [`${level.padEnd(7)} @${t.toFixed(3)}`];
    if (positives > 0) parts.push(`P ${num(m.precision)}  R ${num(m.recall)}  F1 ${num(m.f1)}`);
    if (positives < scored.length) parts.push(`FPR ${pct(m.fpr)} (${m.fp}/${m.fp + m.tn})`);
    console.log(`  ${parts.join('  ')}`);
  }
}

function showErrors(scored, threshold) {
  for (const s of scored) {
    const flagged = s.probability >= threshold;
    if (flagged !== (s.row.label === 1)) console.log(`    ${s.row.label} ${s.probability.toFixed(3)} ${s.row.text.slice(0, 120).replace(/\s+/g, ' ')}`);
  }
}

function timed(label, count, run) {
  run(); // warm up
  const rounds = 20;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = (rounds * count) / seconds;
  console.log(`  ${label}: ${Math.round(perSecond)} posts/s (${(1e6 / perSecond).toFixed(0)} µs/post)`);
}

function speed(docs) {
  console.log(`\nspeed on the ${docs.length} eval posts (x20, after a warm-up round):`);
  timed('scoreHarassment(doc), document already built', docs.length, () => docs.forEach((doc) => scoreHarassment(doc)));
  timed('buildDocument + scoreHarassment', docs.length, () => docs.forEach((doc) => scoreHarassment(buildDocument(doc.raw))));
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const loadStart = process.hrtime.bigint();
  const thresholds = modelThresholds();
  console.log(`model loaded in ${(Number(process.hrtime.bigint() - loadStart) / 1e6).toFixed(0)} ms; thresholds error ${thresholds.error}, warning ${thresholds.warning}`);
  const ordered = { error: thresholds.error, warning: thresholds.warning };
  const allDocs = [];
  for (const file of ['harassment.jsonl', 'identity_fp.jsonl', 'gov_posts.jsonl']) {
    const scored = score(readRows(join(options.evalDir, file)));
    report(file, scored, ordered);
    if (options.showErrors) showErrors(scored, thresholds.warning);
    allDocs.push(...scored.map((s) => s.doc));
  }
  const civic = civicDomainRows(DEFAULT_CONFIG.civic).filter((row) => row.heldOut);
  const scoredCivic = score(civic);
  report('held-out civic templates (src/model/civicTemplates.ts)', scoredCivic, ordered);
  if (options.showErrors) showErrors(scoredCivic, thresholds.warning);
  speed(allDocs);
  hugePost();
}

function hugePost() {
  let raw = '';
  while (raw.length < 1_000_000) raw += 'The library opens at 9 on Saturday. Please visit https://example.com/x for the schedule! ';
  const doc = buildDocument(raw);
  const start = process.hrtime.bigint();
  scoreHarassment(doc);
  console.log(`  scoreHarassment on a ${(raw.length / 1e6).toFixed(1)} MB post (document already built): ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`);
}

main();
