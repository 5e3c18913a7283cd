#!/usr/bin/env node
'use strict';
/**
 * p5050 benchmark: everything measured in this run, on this machine, through the real CLI.
 *
 *   npm run bench                 # full run
 *   node scripts/bench.js --quick # fewer runs and posts, for a smoke test
 *   node scripts/bench.js --json  # the numbers as one JSON object on stdout
 *   node scripts/bench.js --big-posts  # only section 4
 *   node scripts/bench.js --big-posts --bin ../old/bin/p5050.js  # the same inputs through another build
 *
 * 1. Cold start: `p5050 check one.txt` next to `node -e 0`, median of N runs each.
 * 2. Throughput: posts per second over 10,000 typical posts (JSON Lines), with 1 and with 2 worker
 *    threads (and none, for reference). Wall time of the whole CLI run, start-up included.
 * 3. Memory: peak resident set size of the CLI over 100,000 JSON Lines posts (GNU time's maximum
 *    RSS, else the kernel's VmHWM polled from /proc).
 * 4. Big posts: one post of 1,000,000 bytes (the default --max-bytes) per worst-case input: the inputs
 *    that made backtracking regexes and scans quadratic (runs of '.', '!' between letters, a quote,
 *    dash or keyword followed by spaces) and the densest ordinary ones (a number or an insult every
 *    few characters, links, prose). Wall and CPU time of `p5050 check post.txt --format json`, and its
 *    peak RSS above that of a one-line post, per input byte.
 *
 * The corpus is generated here from a fixed seed, so every run screens the same posts.
 * Targets: cold start within 2x of node -e 0; >= 5,000 posts/s on 2 cores; peak RSS <= 200 MB.
 */

const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const cliArgs = process.argv.slice(2);
const args = new Set(cliArgs);
/** --bin <path>: measure another build's CLI (e.g. an older checkout) with this script's inputs. */
const BIN = cliArgs.includes('--bin') ? cliArgs[cliArgs.indexOf('--bin') + 1] : join(ROOT, 'bin', 'p5050.js');
const QUICK = args.has('--quick');
const BIG_ONLY = args.has('--big-posts');
const AS_JSON = args.has('--json');
const RUNS = QUICK ? 3 : 10;
const THROUGHPUT_POSTS = QUICK ? 2_000 : 10_000;
const MEMORY_POSTS = QUICK ? 20_000 : 100_000;

const TARGET = { coldStartRatio: 2, postsPerSecond: 5_000, peakRssMb: 200, bigPostSeconds: 1.5, bigPostRssPerByte: 40 };

const log = (s) => (AS_JSON ? process.stderr : process.stdout).write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// A deterministic corpus of city posts.

const PLACES = ['Riverside Park', 'Main Street', 'the Central Library', 'City Hall', 'Oak Street', 'the Aquatic Center', 'Cottonwood Community Center', 'Mesa Verde Trailhead', 'the Senior Center', 'Fire Station 3'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TIMES = ['9 AM', '10 AM', 'noon', '2 PM', '5:30 PM', '6 PM', '7 PM'];
const NETWORKS = ['Facebook', 'Instagram', 'X', 'Nextdoor', 'LinkedIn'];
const TEMPLATES = [
  (p) => `Join us ${p.day} at ${p.time} for the grand reopening of ${p.place}! Free music, games and snacks for the whole family. ${p.tag}`,
  (p) => `Road work on ${p.place} starts ${p.day}. Expect delays between ${p.time} and 4 PM; please use an alternate route. Details: https://cottonwood.gov/roadwork`,
  (p) => `${p.place} will be closed ${p.day} for maintenance. We reopen the next day at ${p.time}. Thank you for your patience!`,
  (p) => `Heat advisory this ${p.day}: cooling centers are open at ${p.place} until 8 PM. Drink water and check on your neighbors. ${p.tag}`,
  (p) => `City Council meets ${p.day} at ${p.time} at City Hall. Agenda and livestream: https://cottonwood.gov/council`,
  (p) => `Reminder: recycling pickup moves to ${p.day} this week because of the holiday. Questions? Call 311.`,
  (p) => `Story time for kids ages 3 to 6 at ${p.place}, every ${p.day} at ${p.time}. No registration needed!`,
  (p) => `We're hiring! Lifeguards and camp counselors for summer at ${p.place}. Apply by ${p.day}: https://cottonwood.gov/jobs`,
  (p) => `La biblioteca estará cerrada el ${p.dia} por mantenimiento. ¡Gracias por su paciencia! Más información en https://cottonwood.gov/biblioteca`,
  (p) => `Únase a nosotros el ${p.dia} a las ${p.time} en ${p.place} para una tarde de música y juegos para toda la familia.`,
  (p) => `Thanks to everyone who came out to the spring cleanup at ${p.place}! Volunteers collected over 200 bags of litter. ${p.tag}`,
  (p) => `Water main repair near ${p.place}: some homes may see low pressure ${p.day} from ${p.time}. Crews expect to finish by evening.`,
];
// A few posts in a typical queue are not fine: markers, campaigning, contact details.
const RARE = [
  (p) => `CONFIDENTIAL - draft budget figures for ${p.place}, do not distribute before the ${p.day} meeting.`,
  (p) => `Vote YES on Measure B this ${p.day}! Support ${p.place} improvements. ${p.tag}`,
  (p) => `Questions about ${p.place}? Email jane.doe.personal@gmail.com or call her cell at 555-0142.`,
];
const DIAS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'];
const TAGS = ['#CottonwoodParks', '#CottonwoodCares', '#CommunityFirst', '', ''];

function corpus(n, seed = 5050) {
  // The project's seeded PRNG (loaded here, after main() has made sure dist/ is built): the same corpus on every run.
  const { seededRandom } = require('../dist/model/logistic');
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const posts = [];
  for (let i = 0; i < n; i++) {
    const day = Math.floor(random() * 7);
    const p = { place: pick(PLACES), day: DAYS[day], dia: DIAS[day], time: pick(TIMES), tag: pick(TAGS) };
    const template = random() < 0.03 ? pick(RARE) : pick(TEMPLATES);
    posts.push({ id: `post-${i + 1}`, text: template(p).trim(), network: pick(NETWORKS), date: `2026-06-${String((i % 28) + 1).padStart(2, '0')} ${p.time}` });
  }
  return posts;
}

function writeJsonl(path, posts) {
  writeFileSync(path, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Measuring.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Wall time of a child process in ms, and its CPU time (user + system, all threads) when GNU time is
 * there: on a busy machine the wall time says little, the CPU time still does. The exit code must be
 * one p5050 uses for a finished run (0 or 1).
 */
function measure(cmd, argv) {
  const [file, full] = GNU_TIME ? [GNU_TIME, ['-f', 'P5050_CPU=%U %S', cmd, ...argv]] : [cmd, argv];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, full, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${[cmd, ...argv].join(' ')} exited ${result.status}: ${String(result.stderr).trim().split('\n').slice(0, 3).join(' | ')}`);
  }
  const cpu = /P5050_CPU=([\d.]+) ([\d.]+)/.exec(String(result.stderr));
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

const timed = (cmd, argv) => measure(cmd, argv).ms;

function coldStart(dir) {
  const one = join(dir, 'one.txt');
  writeFileSync(one, `${corpus(1)[0].text}\n`);
  // One warm-up each so the file cache is not part of the measurement.
  timed(process.execPath, ['-e', '0']);
  timed(process.execPath, [BIN, 'check', one]);
  const bare = [];
  const check = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(timed(process.execPath, ['-e', '0']));
    check.push(timed(process.execPath, [BIN, 'check', one]));
  }
  return { runs: RUNS, nodeMs: median(bare), checkMs: median(check), ratio: median(check) / median(bare) };
}

function throughputRun(file, jobs, extra = []) {
  const { ms, cpuMs } = measure(process.execPath, [BIN, 'check', file, '--format', 'jsonl', '--jobs', String(jobs), ...extra]);
  return { ms, postsPerSecond: THROUGHPUT_POSTS / (ms / 1000), cpuMs, cpuMsPerPost: cpuMs === undefined ? undefined : cpuMs / THROUGHPUT_POSTS };
}

function throughput(dir) {
  const file = join(dir, 'posts-10k.jsonl');
  writeJsonl(file, corpus(THROUGHPUT_POSTS));
  const out = {};
  for (const jobs of [0, 1, 2]) out[jobs] = throughputRun(file, jobs);
  // The same run with the judgement heads switched off: what the heads cost.
  const lexiconOnlyConfig = join(dir, 'lexicon-only.json');
  writeFileSync(lexiconOnlyConfig, JSON.stringify({ rules: { judgement: 'off' } }));
  const lexiconOnly = throughputRun(file, 2, ['--config', lexiconOnlyConfig]);
  return { posts: THROUGHPUT_POSTS, byJobs: out, lexiconOnly };
}

/** Peak RSS in MB of one CLI run: GNU time when installed, else VmHWM polled from /proc. */
function peakRss(file, jobs) {
  const argv = [BIN, 'check', file, '--format', 'jsonl', '--jobs', String(jobs)];
  if (GNU_TIME) {
    const r = spawnSync(GNU_TIME, ['-f', 'P5050_MAXRSS_KB=%M', process.execPath, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
    const m = /P5050_MAXRSS_KB=(\d+)/.exec(String(r.stderr));
    if (m) return Promise.resolve({ mb: Number(m[1]) / 1024, how: 'GNU time (max RSS)' });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, CI: '1' } });
    let kb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) kb = Math.max(kb, Number(m[1]));
      } catch {
        // The process has just exited.
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      resolve({ mb: kb / 1024, how: '/proc VmHWM, polled every 20 ms' });
    });
  });
}

async function memory(dir) {
  const file = join(dir, 'posts-100k.jsonl');
  writeJsonl(file, corpus(MEMORY_POSTS));
  const byJobs = {};
  for (const jobs of [0, 2]) byJobs[jobs] = await peakRss(file, jobs);
  return { posts: MEMORY_POSTS, byJobs };
}

// ---------------------------------------------------------------------------------------------
// Big posts: one post of BIG_POST_BYTES per worst case.

const BIG_POST_BYTES = 1_000_000;

/** head + fill repeated + tail, exactly BIG_POST_BYTES bytes of UTF-8 (fill is ASCII). */
function bigPost(fill, head = '', tail = 'x') {
  const body = BIG_POST_BYTES - Buffer.byteLength(head) - Buffer.byteLength(tail);
  return head + fill.repeat(Math.ceil(body / fill.length)).slice(0, body) + tail;
}

const BIG_POSTS = [
  // Item 1 of issue 13: the inputs that were quadratic or worse.
  ['dots, no space after', bigPost('.')],
  ['"!" between two letters', bigPost('!', 'a', 'b')],
  ['a quote, then spaces', bigPost(' ', '"')],
  ['a dash, then spaces', bigPost(' ', '~')],
  ['"SSN", then spaces', bigPost(' ', 'SSN')],
  ['"DOB", then tabs', bigPost('\t', 'DOB')],
  ['"account", then spaces', bigPost(' ', 'account')],
  // The densest ordinary posts: most tokens, most hits.
  ['a number every 2 bytes', bigPost('1 ', '', '')],
  ['an insult every few words', bigPost('you are a stupid fucking idiot f*ck sh*t a**hole f**k ', '', '')],
  ['links and names', bigPost('Jane Smith lied. the mayor is a joke. t.co/x bit.ly/y? example.com/(a)) see http://x.gov/a ', '', '')],
  ['prose', bigPost('The library opens at nine on Saturday, and the pool reopens on Monday after repairs. ', '', '')],
];

/** A big-post run is given up after this long (an old build can take hours on some inputs). */
const BIG_POST_TIMEOUT_MS = 120_000;

/** Peak RSS (kB), wall and CPU ms of one CLI run on a file, with GNU time (required for this section); undefined when it timed out. */
function measureRun(file) {
  const r = spawnSync(GNU_TIME, ['-f', 'P5050_RUN=%M %U %S', process.execPath, BIN, 'check', file, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' }, timeout: BIG_POST_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error && r.error.code === 'ETIMEDOUT') return undefined;
  const m = /P5050_RUN=(\d+) ([\d.]+) ([\d.]+)/.exec(String(r.stderr));
  if (!m || (r.status !== 0 && r.status !== 1)) throw new Error(`p5050 check ${file} exited ${r.status}: ${String(r.stderr).trim().split('\n')[0]}`);
  return { rssKb: Number(m[1]), cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

function bigPosts(dir) {
  if (!GNU_TIME) return { skipped: 'needs GNU time (/usr/bin/time) for peak RSS and CPU time' };
  const small = join(dir, 'one-line.txt');
  writeFileSync(small, 'The library opens at nine.\n');
  measureRun(small); // warm the file cache
  const baseline = Math.min(...[0, 1, 2].map(() => measureRun(small).rssKb));
  const runs = BIG_POSTS.map(([name, text]) => {
    const file = join(dir, 'big-post.txt');
    writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    // Best of three: other processes on the machine only ever make a run slower.
    const results = [];
    for (let i = 0; i < 3; i++) {
      const start = process.hrtime.bigint();
      const r = measureRun(file);
      if (!r) return { name, bytes, timedOut: true };
      results.push({ ...r, wallMs: Number(process.hrtime.bigint() - start) / 1e6 });
    }
    const best = (key) => Math.min(...results.map((r) => r[key]));
    const rssKb = best('rssKb');
    return { name, bytes, wallMs: best('wallMs'), cpuMs: best('cpuMs'), rssMb: rssKb / 1024, rssPerByte: ((rssKb - baseline) * 1024) / bytes };
  });
  return { baselineRssMb: baseline / 1024, runs };
}

function logBigPosts(big) {
  if (big.skipped) return log(`\nbig posts: skipped (${big.skipped})`);
  log(`\none post of ${BIG_POST_BYTES.toLocaleString('en-US')} bytes (best of 3; RSS above a one-line post's ${big.baselineRssMb.toFixed(0)} MB, per input byte;`);
  log('time judged on CPU time, user + system: one post runs on one thread, and other processes inflate wall time):');
  for (const r of big.runs) {
    if (r.timedOut) {
      log(`  ${r.name.padEnd(28)} stopped after ${BIG_POST_TIMEOUT_MS / 1000} s   MISSES target`);
      continue;
    }
    const ok = r.cpuMs / 1000 <= TARGET.bigPostSeconds && r.rssPerByte <= TARGET.bigPostRssPerByte;
    // A post that never loads the judgement model (no words to judge) can stay below the one-line post.
    const perByte = r.rssPerByte > 0 ? `${r.rssPerByte.toFixed(0).padStart(4)} B/byte` : 'below the one-line post';
    log(`  ${r.name.padEnd(28)} ${(r.wallMs / 1000).toFixed(2).padStart(5)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s)  ${r.rssMb.toFixed(0).padStart(4)} MB  ${perByte}  ${ok ? '' : 'MISSES target'}`);
  }
  const finished = big.runs.filter((r) => !r.timedOut);
  const worst = (key) => Math.max(...finished.map((r) => r[key]));
  const ok = finished.length === big.runs.length && worst('cpuMs') / 1000 <= TARGET.bigPostSeconds && worst('rssPerByte') <= TARGET.bigPostRssPerByte;
  log(`  worst finished: CPU ${(worst('cpuMs') / 1000).toFixed(2)} s (wall ${(worst('wallMs') / 1000).toFixed(2)} s), ${worst('rssPerByte').toFixed(0)} B/byte   ${verdict(ok)} (<= ${TARGET.bigPostSeconds} s and <= ${TARGET.bigPostRssPerByte} B/byte)`);
  const load = os.loadavg()[0];
  if (load > (os.availableParallelism ? os.availableParallelism() : os.cpus().length)) log(`  note: load average ${load.toFixed(2)} is above the CPU count: wall times are inflated`);
}

// ---------------------------------------------------------------------------------------------

function verdict(ok) {
  return ok ? 'meets target' : 'MISSES target';
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    log('dist/ is missing: building with tsc first');
    const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', ROOT], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'p5050-bench-'));
  const load = os.loadavg().map((l) => l.toFixed(2));
  const cpus = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  log(`p5050 benchmark: node ${process.version}, ${cpus} CPUs, load average ${load.join(' ')}${QUICK ? ' (quick run)' : ''}`);
  try {
    if (BIG_ONLY) {
      const big = bigPosts(dir);
      logBigPosts(big);
      if (AS_JSON) process.stdout.write(`${JSON.stringify({ node: process.version, cpus, loadAverage: load, bigPosts: big, targets: TARGET }, null, 2)}\n`);
      return;
    }
    const cold = coldStart(dir);
    log(`\ncold start (median of ${cold.runs}):  node -e 0  ${cold.nodeMs.toFixed(0)} ms   p5050 check one.txt  ${cold.checkMs.toFixed(0)} ms   ratio ${cold.ratio.toFixed(2)}x   ${verdict(cold.ratio <= TARGET.coldStartRatio)} (<= ${TARGET.coldStartRatio}x)`);

    const tp = throughput(dir);
    log(`\nthroughput over ${tp.posts.toLocaleString('en-US')} posts (JSON Lines in, JSON Lines out, whole CLI run):`);
    for (const [jobs, r] of Object.entries(tp.byJobs)) {
      const label = jobs === '0' ? 'no workers (main thread)' : `${jobs} worker thread${jobs === '1' ? '' : 's'}`;
      const cpu = r.cpuMsPerPost === undefined ? '' : `   CPU ${(r.cpuMs / 1000).toFixed(2)} s (${r.cpuMsPerPost.toFixed(3)} ms/post)`;
      log(`  ${label.padEnd(26)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   ${Math.round(r.postsPerSecond).toLocaleString('en-US').padStart(7)} posts/s${cpu}`);
    }
    const two = tp.byJobs[2].postsPerSecond;
    log(`  2 workers: ${verdict(two >= TARGET.postsPerSecond)} (>= ${TARGET.postsPerSecond.toLocaleString('en-US')} posts/s)`);
    const ratio = two / tp.lexiconOnly.postsPerSecond;
    log(`  2 workers, judgement heads off: ${Math.round(tp.lexiconOnly.postsPerSecond).toLocaleString('en-US')} posts/s; with the heads ${(100 * ratio).toFixed(0)}% of that   ${verdict(ratio >= 0.8)} (>= 80%)`);
    if (Number(load[0]) > cpus) log(`  note: the load average (${load[0]}) is above the CPU count (${cpus}); other processes share the cores, so wall times are inflated`);

    const mem = await memory(dir);
    log(`\npeak RSS over ${mem.posts.toLocaleString('en-US')} JSON Lines posts:`);
    for (const [jobs, r] of Object.entries(mem.byJobs)) log(`  ${(jobs === '0' ? 'no workers' : `${jobs} workers`).padEnd(12)} ${r.mb.toFixed(0).padStart(5)} MB   (${r.how})`);
    log(`  ${verdict(Math.max(...Object.values(mem.byJobs).map((r) => r.mb)) <= TARGET.peakRssMb)} (<= ${TARGET.peakRssMb} MB)`);

    const big = bigPosts(dir);
    logBigPosts(big);

    if (AS_JSON) process.stdout.write(`${JSON.stringify({ node: process.version, cpus, loadAverage: load, quick: QUICK, coldStart: cold, throughput: tp, memory: mem, bigPosts: big, targets: TARGET }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${err.stack || err}\n`);
  process.exitCode = 1;
});
