import type { InputError, PostInput, PostReport } from '../types';
import type { InputItem, ReadOptions } from '../inputs';
import type { FailOn } from '../pipeline';
import type { StreamOptions } from '../pipeline/stream';
import type { Format } from '../report';
import type { ReportSink, RunHead } from '../report/types';
import { loadConfig } from '../config/load';
import { screenConfigOf } from '../config/types';
import { readInputs } from '../inputs';
import { screenStream } from '../pipeline/stream';
import { RunTally } from '../pipeline/tally';
import { toolVersion } from '../version';
import { policyInfo, unknownClauseIds } from '../policy/catalog';
import { createSink } from '../report';
import { colourLevel, paintFor } from './colour';
import { bufferedWriter, oneLine } from './output';
import { createProgress, progressAllowed, type Progress } from './progress';
import { loadApprovals } from './records';
import type { Io } from './main';

export interface CheckCommandOptions {
  format: Format;
  /** Unset: the config's failOn, else "error". */
  failOn?: FailOn;
  quiet?: boolean;
  clause?: string[];
  maxBytes: number;
  color: boolean;
  approvals?: string;
  auditLog?: string;
  /** --config FILE, or false for --no-config. */
  config?: string | false;
  textField?: string;
  idField?: string;
  textColumn?: string;
  jobs?: number;
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
  failOn: FailOn;
  /** Problems found before reading any input (unknown clause ids, approvals file). */
  early: InputError[];
}

/** Config, clauses and approvals for a run; a number is the exit code when the run cannot start. */
async function settle(options: CheckCommandOptions, printError: (e: InputError) => void): Promise<RunSettings | number> {
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
  const approvals = loadApprovals(options.approvals, early);
  return {
    screen: { config: screenConfigOf(loaded.config), clauses, approvals, jobs: options.jobs },
    failOn: options.failOn ?? loaded.config.failOn ?? 'error',
    early,
  };
}

interface Report {
  sink: ReportSink;
  progress: Progress;
  flush(): void;
}

/** The chosen format writing to stdout in large chunks, with the spinner (when shown) kept out of its way. */
async function openReport(options: CheckCommandOptions, failOn: FailOn, head: RunHead, io: Io): Promise<Report> {
  const progress = createProgress(progressAllowed(process.env, () => process.stdout.isTTY === true, () => process.stderr.isTTY === true));
  const output = bufferedWriter(progress.around(io.stdout));
  const paint = options.format === 'stylish' ? paintFor(colourLevel(options.color, process.env, process.stdout.isTTY === true)) : undefined;
  const sink = await createSink(options.format, output.write, head, { quiet: options.quiet, failOn, paint });
  // Whatever the format writes first goes out now, so a reader that is already gone is noticed before screening.
  output.flush();
  return { sink, progress, flush: output.flush };
}

/**
 * Screens the inputs and streams the report to stdout: posts in input order, each input error on
 * stderr as one line where it occurs, the totals at the end. Resolves to the exit code.
 */
export async function screenAndReport(items: AsyncIterable<InputItem>, options: CheckCommandOptions, io: Io): Promise<number> {
  const printError = (e: InputError): void => io.stderr(`p5050: ${oneLine(`${e.source}: ${e.message}`)}\n`);
  const settings = await settle(options, printError);
  if (typeof settings === 'number') return settings;
  const head: RunHead = { tool: { name: 'p5050', version: toolVersion() }, policy: policyInfo() };
  const tally = new RunTally(settings.failOn);
  const { sink, progress, flush } = await openReport(options, settings.failOn, head, io);
  const audit = await auditCollector(options.auditLog);
  const inputError = (e: InputError): void => {
    printError(e);
    tally.addInputError(e);
    sink.inputError?.(e);
  };
  settings.early.forEach(inputError);
  const outputClosed = io.outputClosed ?? ((): boolean => false);
  let cutShort = false;
  try {
    for await (const item of screenStream(items, settings.screen)) {
      if ('error' in item) {
        inputError(item.error);
      } else {
        tally.addPost(item.report);
        sink.post(item.report, item.post.text);
        audit.add(item.report, item.post);
        progress.tick(tally.posts);
      }
      if (outputClosed()) {
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
  return tally.exitCode();
}

export function readOptionsOf(options: CheckCommandOptions): ReadOptions {
  return { maxBytes: options.maxBytes, textField: options.textField, idField: options.idField, textColumn: options.textColumn };
}

export async function runCheck(paths: string[], options: CheckCommandOptions, io: Io): Promise<number> {
  return screenAndReport(commandLineInputs(paths, readOptionsOf(options)), options, io);
}
