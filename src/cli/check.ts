import type { InputError, PostInput, PostReport, RunReport } from '../types';
import { readPostFile, readStdin, STDIN } from '../inputs/read';
import { exitCode, type FailOn } from '../pipeline';
import { screenPosts } from '../pipeline/run';
import { unknownClauseIds } from '../policy/catalog';
import { formatJson } from '../report/json';
import { formatStylish } from '../report/stylish';
import { colourLevel, paintFor } from './colour';
import { loadApprovals, recordAudit } from './records';
import type { Io } from './main';

export interface CheckCommandOptions {
  format: 'stylish' | 'json';
  failOn: FailOn;
  quiet?: boolean;
  clause?: string[];
  maxBytes: number;
  color: boolean;
  approvals?: string;
  auditLog?: string;
}

interface Inputs {
  posts: PostInput[];
  errors: InputError[];
}

async function readInputs(paths: string[], maxBytes: number): Promise<Inputs> {
  const inputs: Inputs = { posts: [], errors: [] };
  const wantsStdin = paths.length === 0 ? !process.stdin.isTTY : paths.includes(STDIN);
  if (paths.length === 0 && !wantsStdin) {
    inputs.errors.push({ source: '<arguments>', message: 'no input: name files to screen, or pipe text to stdin ("-")' });
  }
  for (const path of paths.length ? paths : [STDIN]) {
    if (path === STDIN && !wantsStdin) continue;
    const result = path === STDIN ? await readStdin({ maxBytes }) : readPostFile(path, { maxBytes });
    if ('post' in result) inputs.posts.push(result.post);
    else inputs.errors.push(result.error);
  }
  return inputs;
}

/** Unknown clause ids are an input error; screening goes on with the known ones. */
function checkClauseIds(ids: string[] | undefined, errors: InputError[]): string[] | undefined {
  if (!ids) return undefined;
  const unknown = unknownClauseIds(ids);
  for (const id of unknown) errors.push({ source: '--clause', message: `unknown clause id "${id}" (see: p5050 policy)` });
  return ids.filter((id) => !unknown.includes(id));
}

function render(run: RunReport, posts: PostInput[], options: CheckCommandOptions): string {
  if (options.format === 'json') return formatJson(run, { quiet: options.quiet });
  const texts = new Map<PostReport, string>(run.posts.map((report, i) => [report, posts[i]!.text]));
  const paint = paintFor(colourLevel(options.color, process.env, process.stdout.isTTY === true));
  return formatStylish(run, { quiet: options.quiet }, paint, texts);
}

export async function runCheck(paths: string[], options: CheckCommandOptions, io: Io): Promise<number> {
  const inputs = await readInputs(paths, options.maxBytes);
  const clauses = checkClauseIds(options.clause, inputs.errors);
  if (clauses && clauses.length === 0) {
    for (const e of inputs.errors) io.stderr(`p5050: ${e.source}: ${e.message}\n`);
    return 2;
  }
  const approvals = loadApprovals(options.approvals, inputs.errors);
  const run = screenPosts(inputs.posts, inputs.errors, { clauses, approvals });
  if (options.auditLog) recordAudit(options.auditLog, run, inputs.posts);
  // Input errors also go to stderr, one line each, so they are seen even when stdout is parsed.
  for (const e of run.inputErrors) io.stderr(`p5050: ${e.source}: ${e.message}\n`);
  io.stdout(render(run, inputs.posts, options));
  return exitCode(run.posts, run.inputErrors, options.failOn);
}
