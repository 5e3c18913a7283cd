import { closeSync, openSync, writeSync } from 'node:fs';
import type { InputError, PostInput, PostReport } from '../types';
import type { InputItem, ReadOptions } from '../inputs';
import type { FailOn } from '../pipeline';
import type { StreamOptions } from '../pipeline/stream';
import type { Format } from '../report';
import type { ReportSink, RunHead } from '../report/types';
import { loadConfig } from '../config/load';
import { screenConfigOf } from '../config/types';
import { readInputs } from '../inputs';
import { describeFsError } from '../inputs/content';
import { gitText } from '../hook/git';
import { screenStream } from '../pipeline/stream';
import { RunTally } from '../pipeline/tally';
import { toolVersion } from '../version';
import { policyInfo, unknownClauseIds } from '../policy/catalog';
import { createSink } from '../report';
import { visibleLine } from '../report/escape';
import { reportWidth } from '../report/width';
import { colourLevel, paintFor } from './colour';
import { bufferedWriter } from './output';
import { createProgress, progressAllowed, type Progress } from './progress';
import { loadApprovals } from './records';
import { DEFAULT_APPROVABLE, ignoredApprovalWarning, sortApprovals } from '../approvals/rules';
import type { Io } from './main';

export interface CheckCommandOptions {
  format: Format;
  /** Unset: the config's failOn, else "error". */
  failOn?: FailOn;
  quiet?: boolean;
  clause?: string[];
  maxBytes: number;
  /** --color (true), --no-color (false), or neither. */
  color?: boolean;
  /** -o FILE: the report goes to this file instead of stdout. */
  output?: string;
  /** Exit 1 when more warnings than this were found (as ESLint's option). */
  maxWarnings?: number;
  /** stdin is read as if it were this file. */
  stdinFilename?: string;
  approvals?: string;
  auditLog?: string;
  /** --config FILE, or false for --no-config. */
  config?: string | false;
  textField?: string;
  idField?: string;
  textColumn?: string;
  jobs?: number;
  /** Stylish: every clause of every post instead of the compact form. */
  checklist?: boolean;
}

const NO_INPUT: InputError = { source: '<arguments>', message: 'no input: name files to screen, or pipe text to stdin ("-")' };

/** Inputs named on the command line; with none, stdin when it is piped. */
async function* commandLineInputs(paths: string[], options: ReadOptions): AsyncGenerator<InputItem> {
  if (paths.length === 0 && process.stdin.isTTY) {
    yield { error: NO_INPUT };
    return;
  }
  yield* readInputs(paths.length ? paths : ['-'], options);
}

/** An unknown id anywhere in --clause is a usage error: nothing is screened against a list that was mistyped. */
function clauseIdProblem(ids: string[] | undefined): InputError | undefined {
  const unknown = ids ? unknownClauseIds(ids) : [];
  if (ids && ids.length === 0) return { source: '--clause', message: 'no clause ids given (see: p5050 policy)' };
  if (unknown.length === 0) return undefined;
  const list = unknown.map((id) => `"${id}"`).join(', ');
  return { source: '--clause', message: `unknown clause id${unknown.length === 1 ? '' : 's'} ${list} (see: p5050 policy)` };
}

interface AuditCollector {
  add(report: PostReport, post: PostInput): void;
  /** Appends the entries; on failure, the input error to report (the log, and that the entries were not written). */
  write(): InputError | undefined;
}

/** Audit entries for --audit-log, gathered post by post and appended with one write at the end. */
async function auditCollector(file: string | undefined): Promise<AuditCollector> {
  if (!file) return { add: () => undefined, write: () => undefined };
  const [{ postContentHash }, { appendAuditEntries, AuditLogError }, { auditFields }] = await Promise.all([import('../approvals/hash'), import('../audit/append'), import('../audit/entry')]);
  const entries: Array<Record<string, unknown>> = [];
  const time = new Date().toISOString();
  const tool = `p5050 ${toolVersion()}`;
  return {
    add: (report, post) => entries.push(auditFields(report, postContentHash(post), tool, time)),
    write: () => {
      try {
        appendAuditEntries(file, entries);
        return undefined;
      } catch (err) {
        if (!(err instanceof AuditLogError)) throw err;
        const lost = `${entries.length} audit entr${entries.length === 1 ? 'y' : 'ies'} of this run not written`;
        return { source: file, message: `${err.message}; ${lost}` };
      }
    },
  };
}

interface RunSettings {
  screen: StreamOptions;
  /** The config's extra published fields, for the readers. */
  fields?: string[];
  failOn: FailOn;
  /** Problems found before reading any input (unknown clause ids, approvals file). */
  early: InputError[];
}

/** Config, clauses and approvals for a run; a number is the exit code when the run cannot start. */
async function settle(options: CheckCommandOptions, printError: (e: InputError) => void, warn: (line: string) => void): Promise<RunSettings | number> {
  const loaded = await loadConfig(options.config);
  if ('problems' in loaded) {
    loaded.problems.forEach(printError);
    return 2;
  }
  const clauseProblem = clauseIdProblem(options.clause);
  if (clauseProblem) {
    printError(clauseProblem);
    return 2;
  }
  const clauses = options.clause;
  const early: InputError[] = [];
  const approvable = loaded.config.approvable ?? DEFAULT_APPROVABLE;
  const recorded = loadApprovals(options.approvals, early);
  const { honoured: approvals, ignored } = sortApprovals(recorded.records, { approvable });
  for (const entry of ignored) warn(ignoredApprovalWarning(recorded.file, entry));
  return {
    screen: { config: screenConfigOf(loaded.config), clauses, approvals, approvable, jobs: options.jobs },
    failOn: options.failOn ?? loaded.config.failOn ?? 'error',
    fields: loaded.config.fields,
    early,
  };
}

/** Front-matter approvals of clauses no manager may approve: checkPost ignores them, and the run says so here. */
function warnIgnoredFrontMatter(post: PostInput, approvable: string[], warn: (line: string) => void): void {
  if (!post.approvals?.length) return;
  for (const entry of sortApprovals(post.approvals, { approvable }).ignored) warn(ignoredApprovalWarning(`${post.source} front matter`, entry));
}

interface Report {
  sink: ReportSink;
  flush(): void;
  /** Called after each post: what the report held back goes out at least every few tenths of a second. */
  trickle(): void;
  /** Called after each post: now and then a format that holds its output writes its filler, to notice a closed pipe. */
  probe(posts: number): void;
}

/** Posts between two fillers: a few tenths of a second of screening, a few bytes in a 100,000-post report. */
const PROBE_EVERY = 1_000;

/**
 * How long report output may wait in the buffer: a format that writes only now and then (the compact
 * stylish report shows only posts that did not pass) still reaches its reader, and a reader that has gone
 * is noticed, within this time.
 */
const TRICKLE_MS = 100;

/** Where the report goes: stdout, or the file -o names (never a terminal, so no colour and 80 columns). */
interface Destination {
  write(s: string): void;
  tty: boolean;
  columns?: number;
  close(): void;
  /** True once the reader of a pipe has gone: screening stops, nothing more is written. */
  closed(): boolean;
  /** Whether a reader can go away mid-run (standard output; not a file of -o). */
  mayClose: boolean;
}

function destination(options: CheckCommandOptions, io: Io, progress: Progress): Destination | InputError {
  if (options.output === undefined) {
    const tty = process.stdout.isTTY === true;
    return { write: progress.around(io.stdout), tty, columns: tty ? process.stdout.columns : undefined, close: () => undefined, closed: io.outputClosed ?? (() => false), mayClose: true };
  }
  const path = options.output;
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    return { source: path, message: `cannot write the report: ${describeFsError(err)}` };
  }
  return { write: (s) => writeSync(fd, s), tty: false, close: () => closeSync(fd), closed: () => false, mayClose: false };
}

/** The chosen format writing to its destination in large chunks, with the progress line (when shown) kept out of its way. */
async function openReport(options: CheckCommandOptions, failOn: FailOn, head: RunHead, to: Destination): Promise<Report> {
  const output = bufferedWriter(to.write);
  const paint = options.format === 'stylish' ? paintFor(colourLevel(options.color, process.env, to.tty)) : undefined;
  const root = options.format === 'sarif' || options.format === 'github' ? repositoryRoot() : undefined;
  const sink = await createSink(options.format, output.write, head, { quiet: options.quiet, failOn, paint, width: reportWidth(to.columns), checklist: options.checklist, root });
  // Whatever the format writes first goes out now, so a reader that is already gone is noticed before screening.
  output.flush();
  const filler = to.mayClose ? sink.filler : undefined;
  const probe = (posts: number): void => {
    if (filler === undefined || posts % PROBE_EVERY !== 0) return;
    output.write(filler);
    output.flush();
  };
  return { sink, flush: output.flush, trickle: () => output.flushIfOlderThan(TRICKLE_MS), probe };
}

/** The git top level of the working directory (SARIF and GitHub name files from there), else the working directory. */
function repositoryRoot(): string {
  const out = gitText(['rev-parse', '--show-toplevel'], process.cwd());
  return 'problem' in out ? process.cwd() : out.text;
}

/** --max-warnings: more warnings than allowed fail a run that would otherwise pass. */
function warningLimit(code: number, warnings: number, max: number | undefined, stderr: (s: string) => void): number {
  if (max === undefined || warnings <= max || code !== 0) return code;
  stderr(`p5050: --max-warnings: ${warnings} warnings found, more than the ${max} allowed\n`);
  return 1;
}

/**
 * Screens the inputs and streams the report to stdout: posts in input order, each input error on
 * stderr as one line where it occurs, the totals at the end. Resolves to the exit code.
 */
export async function screenAndReport(inputs: (read: ReadOptions) => AsyncIterable<InputItem>, options: CheckCommandOptions, io: Io): Promise<number> {
  const progress = createProgress(progressAllowed(process.env, () => process.stderr.isTTY === true));
  const stderr = progress.around(io.stderr);
  const printError = (e: InputError): void => stderr(`p5050: ${visibleLine(e.source)}: ${visibleLine(e.message)}\n`);
  const settings = await settle(options, printError, stderr);
  if (typeof settings === 'number') return settings;
  const head: RunHead = { tool: { name: 'p5050', version: toolVersion() }, policy: policyInfo() };
  const tally = new RunTally(settings.failOn);
  const to = destination(options, io, progress);
  if ('message' in to) {
    printError(to);
    return 2;
  }
  const { sink, flush, trickle, probe } = await openReport(options, settings.failOn, head, to);
  const audit = await auditCollector(options.auditLog);
  const inputError = (e: InputError): void => {
    printError(e);
    tally.addInputError(e);
    sink.inputError?.(e);
  };
  settings.early.forEach(inputError);
  let cutShort = false;
  try {
    const items = inputs({ ...readOptionsOf(options), fields: settings.fields });
    for await (const item of screenStream(items, settings.screen)) {
      if ('error' in item) {
        inputError(item.error);
      } else {
        warnIgnoredFrontMatter(item.post, settings.screen.approvable ?? DEFAULT_APPROVABLE, stderr);
        tally.addPost(item.report);
        sink.post(item.report, item.post.text);
        audit.add(item.report, item.post);
        progress.tick(tally.posts);
        probe(tally.posts);
      }
      trickle();
      if (to.closed()) {
        cutShort = true;
        break;
      }
    }
  } finally {
    progress.stop();
  }
  if (!cutShort) {
    sink.end({ ...head, inputErrors: tally.inputErrors, summary: tally.summary(), clauseCounts: tally.clauseCounts() });
    flush();
  }
  to.close();
  const auditProblem = audit.write();
  if (auditProblem) {
    printError(auditProblem);
    return 2;
  }
  if (cutShort) {
    // The rest was never screened: that may not pass as clean, so 0 becomes 2 (1 stays 1).
    printError({ source: '<stdout>', message: `closed by its reader after ${tally.posts} post${tally.posts === 1 ? '' : 's'}; the rest of the input was not screened` });
    return tally.exitCode() || 2;
  }
  return warningLimit(tally.exitCode(), tally.summary().warnings, options.maxWarnings, stderr);
}

export function readOptionsOf(options: CheckCommandOptions): ReadOptions {
  return { maxBytes: options.maxBytes, textField: options.textField, idField: options.idField, textColumn: options.textColumn, stdinFilename: options.stdinFilename };
}

export async function runCheck(paths: string[], options: CheckCommandOptions, io: Io): Promise<number> {
  return screenAndReport((read) => commandLineInputs(paths, read), options, io);
}
