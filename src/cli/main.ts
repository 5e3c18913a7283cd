import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { toolVersion } from '../version';
import { FORMATS } from '../report/formats';
import { FAIL_ON_LEVELS } from '../pipeline/fail-on';
import { usageErrorLine } from './usage';

/**
 * The p5050 command line. Only commander loads at start-up; each command loads the pipeline,
 * formatters and lexicons when it runs, so `--help` and `--version` stay as fast as bare Node.
 */

export const EXIT = { clean: 0, failed: 1, usage: 2 } as const;

const HELP_FOOTER = `
Exit codes:
  0  no post failed at --fail-on
  1  a post failed at --fail-on (default "error": a post is blocked, or needs the
     Department Manager's approval and has none for its current text)
  2  usage or input error (the other inputs are still screened and reported)

Verdicts and --fail-on:      error  warning  blocked  never
  blocked                      1       1        1       0
  needs-approval               1       1        0       0
  not-screened, review         0       1        0       0
  clean                        0       0        0       0

Examples:
  $ p5050 check draft.txt
  $ p5050 check drafts/*.txt --format json
  $ p5050 check scheduled/ --format markdown
  $ p5050 check export.csv --text-column Message --format sarif > p5050.sarif
  $ p5050 check posts.jsonl --format jsonl --quiet
  $ printf 'CONFIDENTIAL: draft figures\\n' | p5050 check -
  $ p5050 check post.txt --clause 6.1.8,6.1.14 --fail-on warning
  $ p5050 explain 6.1.14
  $ p5050 policy
  $ p5050 init
  $ p5050 hook install`;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of bytes.');
  return n;
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number, 0 or more.');
  return n;
}

/** Options shared by `check` and `hook run`: how to report, when to fail, which config. */
function addScreeningOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('stylish'))
    .addOption(
      new Option('--fail-on <level>', "what makes the exit code 1: error (blocked or waiting for approval), warning (also review), blocked (errors only), never (default: the config's failOn, else error)").choices([...FAIL_ON_LEVELS]),
    )
    .option('-q, --quiet', 'report only posts and clauses that did not pass')
    .option('--clause <ids>', 'screen only these clauses (comma-separated, e.g. 6.1.8,6.1.14)', clauseList)
    .option('--max-bytes <n>', 'largest post accepted, in bytes (a whole text or Markdown file, or one record of a batch file)', positiveInteger, 1_000_000)
    .option('--config <file>', 'config file (default: p5050.config.json, .p5050rc.json, .p5050rc.yaml or package.json "p5050", found upwards)')
    .option('--no-config', 'use no config file')
    .option('--checklist', 'stylish: list every clause of every post (default: compact, only what did not pass)')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when more than this many warnings are found', nonNegativeInteger)
    .option('--color', 'colour even when the output is not a terminal')
    .option('--no-color', 'plain output without colour (also NO_COLOR, TERM=dumb)');
}

function clauseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True once the report's reader has gone (a closed pipe): screening stops, nothing more is written. */
  outputClosed?: () => boolean;
}

/**
 * A write to a pipe whose reader has gone fails at once with EPIPE and marks stdout as errored, but
 * only until the error event has been emitted: the state is latched here.
 */
let stdoutGone = false;
let watchingStdout = false;

function stdoutClosed(): boolean {
  if (!stdoutGone && (process.stdout.errored as NodeJS.ErrnoException | null)?.code === 'EPIPE') stdoutGone = true;
  return stdoutGone;
}

function writeStdout(s: string): void {
  if (stdoutClosed()) return;
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') stdoutGone = true;
    });
  }
  process.stdout.write(s);
}

const processIo: Io = {
  stdout: writeStdout,
  stderr: (s) => process.stderr.write(s),
  outputClosed: stdoutClosed,
};

type SetExit = (code: number) => void;

function addCheckCommand(program: Command, io: Io, setExit: SetExit): void {
  const check = program
    .command('check')
    .description('screen posts: files, directories, globs, Markdown, JSON, JSON Lines, CSV; reads stdin when given "-" or no path with piped input')
    .argument('[paths...]', 'files, directories or globs to screen ("-" for stdin)');
  addScreeningOptions(check)
    .option('--text-field <name>', 'JSON / JSON Lines: field holding the post text', 'text')
    .option('--id-field <name>', 'JSON / JSON Lines: field holding the post id', 'id')
    .option('--text-column <name|n>', 'CSV: column holding the post text, by header name or 1-based number (default: detected)')
    .option('--stdin-filename <name>', 'read stdin as this file: its kind by the extension (a CSV piped in is screened as a CSV), this name in the report')
    .option('--jobs <n>', 'worker threads for batches over 500 posts, besides the main thread, which screens too (0: none; default: CPUs - 1)', nonNegativeInteger)
    .option('--approvals <file>', 'approvals file (default: nearest .p5050/approvals.jsonl)')
    .option('--audit-log <file>', 'append one hash-chained JSON line per screened post to this file')
    .addHelpText('after', HELP_FOOTER)
    .action(async (paths: string[], options: import('./check').CheckCommandOptions) => {
      const { runCheck } = await import('./check');
      setExit(await runCheck(paths, options, io));
    });
}

function addInitCommand(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('init')
    .description('write a commented starter config (.p5050rc.yaml) in the working directory')
    .option('--json', 'write p5050.config.json instead')
    .option('--force', 'replace an existing file')
    .action(async (options: { json?: boolean; force?: boolean }) => {
      const { runInit } = await import('./init');
      setExit(runInit(options, io));
    });
}

function addHookCommands(program: Command, io: Io, setExit: SetExit): void {
  const hook = program.command('hook').description('the git pre-commit hook: screen staged posts before each commit');
  hook
    .command('install')
    .description("write .git/hooks/pre-commit (refuses to replace a hook p5050 did not write)")
    .option('--force', 'replace an existing pre-commit hook')
    .action(async (options: { force?: boolean }) => {
      const { runHookInstall } = await import('./hook');
      setExit(runHookInstall(options, io));
    });
  hook
    .command('uninstall')
    .description('remove the pre-commit hook p5050 wrote')
    .action(async () => {
      const { runHookUninstall } = await import('./hook');
      setExit(runHookUninstall(io));
    });
  addScreeningOptions(hook.command('run').description('screen the staged content of staged posts (what the hook runs)')).action(
    async (options: import('./check').CheckCommandOptions) => {
      const { runHookRun } = await import('./hook');
      setExit(await runHookRun(options, io));
    },
  );
}

function addApprovalCommands(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('approve')
    .description("record the Department Manager's approval (or a 4.1 exception) of a clause for the post's exact current text")
    .argument('<file>', 'the post')
    .requiredOption('--clause <id>', 'clause approved, e.g. 6.1.11')
    .option('--rule <rule>', 'only this rule of the clause')
    .requiredOption('--by <name>', 'who approves')
    .requiredOption('--reason <text>', 'why')
    .addOption(new Option('--kind <kind>', 'approval, or a 4.1 exception for clauses a manager cannot approve').choices(['approval', 'exception']).default('approval'))
    .option('--approvals <file>', 'approvals file (default: nearest .p5050/approvals.jsonl, else ./.p5050/approvals.jsonl)')
    .option('--id <id>', 'in a batch file (CSV, JSON, JSON Lines), the post to approve')
    .option('--config <file>', 'config file (its "approvable" list says which clauses a manager may approve)')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', positiveInteger, 1_000_000)
    .action(async (file: string, options: import('./approve').ApproveOptions) => {
      const { runApprove } = await import('./approve');
      setExit(await runApprove(file, options, io));
    });

  program
    .command('audit')
    .description('work with the audit log')
    .command('verify')
    .description('check the hash chain of an audit log; exit 1 naming the first altered, removed or reordered line')
    .argument('<file>', 'audit log written by check --audit-log')
    .option('--expect-head <hash>', 'head hash printed by an earlier verify: exit 1 unless the log still contains that line (detects lines cut off the end)')
    .action(async (file: string, options: import('./audit').VerifyCommandOptions) => {
      const { verifyAuditLog } = await import('./audit');
      setExit(verifyAuditLog(file, options, io));
    });
}

function addPolicyCommands(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('explain')
    .description("show a clause (the policy's words, what p5050 screens, examples) or a rule (why, the fix, what it matches)")
    .argument('<id>', 'clause id (6.1.14) or rule id (political/reelect, or reelect)')
    .action(async (id: string) => {
      const { explainClause } = await import('./policy');
      setExit(explainClause(id, io));
    });

  program
    .command('policy')
    .description('list every clause of P5050 that bears on a post, and how p5050 handles it')
    .action(async () => {
      const { listPolicy } = await import('./policy');
      setExit(listPolicy(io));
    });
}

function buildProgram(io: Io, setExit: SetExit): Command {
  const program = new Command('p5050')
    .description('Screen draft social-media posts against the City of Cottonwood Social Media Policy P5050, offline.')
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', HELP_FOOTER)
    // Parse errors are printed by main() as one p5050 line, not in commander's two-line form.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .exitOverride();
  for (const add of [addCheckCommand, addInitCommand, addHookCommands, addApprovalCommands, addPolicyCommands]) add(program, io, setExit);
  return program;
}

/** "check", "hook", "hook install", …: every command as typed after p5050. */
function commandPaths(command: Command, prefix = ''): string[] {
  return command.commands.flatMap((c) => {
    const path = `${prefix}${c.name()}`;
    return [path, ...commandPaths(c, `${path} `)];
  });
}

/** Runs the CLI and resolves to the exit code; never calls process.exit so output is flushed. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.clean;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; help shown for a missing command is usage; every other error gets one line.
      if (err.exitCode === 0) return EXIT.clean;
      if (err.code !== 'commander.help') io.stderr(usageErrorLine(err, argv, commandPaths(program)));
      return EXIT.usage;
    }
    throw err;
  }
  return code;
}
