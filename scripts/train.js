#!/usr/bin/env node
'use strict';
// Retrains every judgement head into lexicons/models/heads.json + heads.bin (npm run train builds first).
// Its inputs: training/sources.json (which files teach which head), training/*.jsonl, training/templates/,
// ../shared/train; it stops if any text of ../shared/eval is among them.
const { main } = require('../dist/model/train.js');

main(process.argv.slice(2));
