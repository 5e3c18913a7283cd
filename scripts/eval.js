#!/usr/bin/env node
'use strict';
/**
 * npm run eval — accuracy of the screeners on the labeled development sets in ../shared/eval
 * (or --data DIR). For each set, the screeners that bear on its label: a post counts as flagged
 * when one of them reports a finding (any severity, and separately error severity only).
 * Prints precision, recall, F1 and false-positive rate, plus the bad-words isProfane baseline.
 */
const { readFileSync, existsSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { checkPost } = require('../dist/pipeline');
const { screeners } = require('../dist/screeners');

const args = process.argv.slice(2);
const dataArg = args.indexOf('--data');
const DATA = resolve(dataArg >= 0 ? args[dataArg + 1] : join(__dirname, '..', '..', 'shared', 'eval'));

/** Which screeners answer for each set's label, and which clauses their findings must name to count. */
const SETS = [
  { file: 'harassment.jsonl', screeners: ['harassment', 'judgement'], clauses: ['5.3.b', '6.1.10', '6.1.12'], baseline: true },
  { file: 'identity_fp.jsonl', screeners: ['harassment', 'judgement'], clauses: ['5.3.b', '6.1.10', '6.1.12'], baseline: true },
  { file: 'political.jsonl', screeners: ['political', 'judgement'], clauses: ['6.1.14'] },
  { file: 'secrets.jsonl', screeners: ['credentials'], clauses: ['6.1.2'] },
  { file: 'pii.jsonl', screeners: ['personal-data'], clauses: ['6.1.8'] },
  { file: 'citations.jsonl', screeners: ['citations', 'judgement'], clauses: ['6.1.5'] },
  { file: 'gov_posts.jsonl', screeners: screeners.map((s) => s.meta.id), label: 'all screeners' },
];

/** The word lists and grammars, the learned heads, or both (sets with a head only). */
const VARIANTS = [
  { name: 'combined', keep: () => true },
  { name: 'lexicons only', keep: (id) => id !== 'judgement', needs: 'judgement' },
  { name: 'heads only', keep: (id) => id === 'judgement', needs: 'judgement' },
];

function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

function metrics(rows, predict) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const row of rows) {
    const flagged = predict(row);
    if (row.label === 1) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : NaN;
  const recall = tp + fn ? tp / (tp + fn) : NaN;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : NaN;
  const fpr = fp + tn ? fp / (fp + tn) : NaN;
  return { n: rows.length, tp, fp, fn, tn, precision, recall, f1, fpr };
}

const fmt = (x) => (Number.isNaN(x) ? '   —' : x.toFixed(2).padStart(4));

function row(label, m) {
  return `${label.padEnd(46)} ${String(m.n).padStart(4)}  ${fmt(m.precision)}  ${fmt(m.recall)}  ${fmt(m.f1)}  ${fmt(m.fpr)}   ${m.tp}/${m.fp}/${m.fn}/${m.tn}`;
}

function screenRows(rows, ids) {
  const chosen = screeners.filter((s) => ids.includes(s.meta.id));
  return rows.map((r) => checkPost({ source: r.id, id: r.id, text: r.text }, { screeners: chosen }));
}

function main() {
  if (!existsSync(DATA)) {
    console.error(`p5050 eval: no evaluation data at ${DATA} (use --data DIR)`);
    process.exit(2);
  }
  const registered = new Set(screeners.map((s) => s.meta.id));
  console.log(`data: ${DATA}`);
  console.log(`${'set / screeners / variant'.padEnd(46)} ${'rows'.padStart(4)}  prec   rec    F1   FPR   tp/fp/fn/tn`);
  let BadWords;
  for (const set of SETS) {
    const path = join(DATA, set.file);
    if (!existsSync(path)) continue;
    const rows = readJsonl(path);
    const ids = set.screeners.filter((id) => registered.has(id));
    if (ids.length === 0) {
      console.log(`${set.file}: no screener registered yet for ${set.screeners.join(', ')}`);
      continue;
    }
    for (const variant of VARIANTS) {
      if (variant.needs && !ids.includes(variant.needs)) continue;
      const chosen = ids.filter(variant.keep);
      const reports = screenRows(rows, chosen);
      const byId = new Map(reports.map((r, i) => [rows[i].id, r]));
      // A finding counts when it is a warning or an error (info never reaches the reader as a problem) of the set's clauses.
      const counted = (f) => f.severity !== 'info' && (!set.clauses || set.clauses.includes(f.clause));
      const anyHit = (r) => byId.get(r.id).findings.some(counted);
      const errorHit = (r) => byId.get(r.id).findings.some((f) => counted(f) && f.severity === 'error');
      const name = `${set.file} [${set.label ?? ids.join('+')}] ${variant.name === 'combined' ? '' : variant.name}`;
      console.log(row(`${name} any`, metrics(rows, anyHit)));
      console.log(row(`${name} error`, metrics(rows, errorHit)));
      if (set.file === 'gov_posts.jsonl' && variant.name === 'combined') {
        for (const id of ids) {
          const flaggedBy = reports.filter((r) => r.findings.some((f) => f.screener === id && f.severity !== 'info'));
          const blockedBy = reports.filter((r) => r.findings.some((f) => f.screener === id && f.severity === 'error'));
          console.log(`  gov_posts flagged by ${id.padEnd(16)} ${String(flaggedBy.length).padStart(3)} of ${rows.length} (${blockedBy.length} at error)`);
        }
        const verdicts = {};
        for (const r of reports) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
        console.log(`  gov_posts verdicts: ${Object.entries(verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
      }
    }
    if (set.baseline) {
      BadWords ??= require('bad-words');
      const filter = new BadWords();
      console.log(row(`${set.file} [bad-words isProfane baseline]`, metrics(rows, (r) => safeIsProfane(filter, r.text))));
    }
  }
}

function safeIsProfane(filter, text) {
  try {
    return filter.isProfane(text);
  } catch {
    return false;
  }
}

main();
