#!/usr/bin/env node
'use strict';
// Trains the harassment model into lexicons/models/harassment.json. Build first: npx tsc -p .
// Options: --data FILE (default ../shared/train/toxicity_train.jsonl), --out FILE, --epochs N, --lr X, --l2 X, --no-augment
const { main } = require('../dist/model/train.js');

main(process.argv.slice(2));
