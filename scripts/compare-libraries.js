#!/usr/bin/env node
'use strict';
/**
 * Measures the well-kept libraries issue 14 asked about against p5050's own code: load time (median
 * of 7 cold `node -e require(…)` runs) and behaviour on the cases p5050 must get right. Needs them
 * installed beside p5050 without saving: npm install --no-save csv-parse tinyglobby jsonc-parser
 * Run after npm run build: node scripts/compare-libraries.js
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
function loadMs(spec) {
  const times = [];
  for (let i = 0; i < 7; i += 1) {
    const out = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(spec)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { cwd: root });
    times.push(Number(out));
  }
  return times.sort((a, b) => a - b)[3].toFixed(1);
}

console.log('load time, ms (median of 7 cold processes)');
for (const [name, spec] of [
  ['own CSV parser', './dist/inputs/csv-parser.js'],
  ['csv-parse/sync', 'csv-parse/sync'],
  ['csv-parse (stream)', 'csv-parse'],
  ['own JSON error locator', './dist/util/json-error.js'],
  ['jsonc-parser', 'jsonc-parser'],
  ['picomatch (used now, with own walk and .gitignore)', 'picomatch'],
  ['tinyglobby', 'tinyglobby'],
]) console.log(`  ${name.padEnd(52)} ${loadMs(spec)}`);

const { parse } = require('csv-parse/sync');
const { CsvParser } = require('../dist/inputs/csv-parser.js');
const CSV = {
  'space before a quoted field': 'Message,Date\n"a", "2024, x"\nb,2024\n',
  'unclosed quote, then good rows': 'Message,Date\n"never closed,2024\nok row,2024\nok2,2025\n',
  'record over the cap (100), then a good row': `Message,Date\n"${'word '.repeat(50)}",2024\nok row,2024\n`,
};
const own = (text) => {
  // Streamed in 16-character chunks, as a large file is read.
  const p = new CsvParser(100);
  const items = [];
  for (let i = 0; i < text.length; i += 16) items.push(...p.push(text.slice(i, i + 16)));
  items.push(...p.end());
  return items.map((i) => ('bad' in i ? `error row ${i.bad.row}` : `row ${i.record.row} ${JSON.stringify(i.record.fields)}`)).join(' | ');
};
const lib = (text) => {
  const out = [];
  try {
    for (const r of parse(text, { relax_quotes: true, relax_column_count: true, ltrim: true, skip_records_with_error: true, max_record_size: 100, info: true, on_skip: (e) => out.push(`skipped (${e.code})`) })) out.push(`line ${r.info.lines} ${JSON.stringify(r.record)}`);
  } catch (e) {
    out.push(`threw ${e.code}`);
  }
  return out.join(' | ');
};
console.log('\nCSV');
for (const [name, text] of Object.entries(CSV)) console.log(`  ${name}\n    own:       ${own(text)}\n    csv-parse: ${lib(text)}`);

const jsonc = require('jsonc-parser');
const { describeJsonError } = require('../dist/util/json-error.js');
console.log('\nJSON error position (line, column)');
for (const text of ['{"a": 1,}', '[1, 2', '{"a": "x\ny"}', '{"a" 1}', '{"a": tru}', '{"a":01}', '"\\x"', '[1,]']) {
  let own;
  try {
    JSON.parse(text);
  } catch (e) {
    own = describeJsonError(text, e).replace(/^at line (\d+), column (\d+).*/, '$1:$2');
  }
  const errors = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const at = errors[0] ? errors[0].offset : 0;
  const before = text.slice(0, at);
  console.log(`  ${JSON.stringify(text).padEnd(18)} own ${own}   jsonc-parser ${before.split('\n').length}:${at - before.lastIndexOf('\n')}`);
}
