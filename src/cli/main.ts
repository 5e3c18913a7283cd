import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The p5050 command line. Only commander loads at start-up; each command loads the pipeline,
 * formatters and lexicons when it runs, so `--help` and `--version` stay as fast as bare Node.
 */

export const EXIT = { clean: 0, failed: 1, usage: 2 } as const;

const HELP_FOOTER = `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on (or a screener failed)
  2  usage or input error (the other inputs are still screened and reported)

Examples:
  $ p5050 check draft.txt
  $ p5050 check drafts/*.txt --format json
  $ printf 'CONFIDENTIAL: draft figures\\n' | p5050 check -
  $ p5050 check post.txt --clause 6.1.8,6.1.14 --fail-on warning
  $ p5050 explain 6.1.14
  $ p5050 policy`;

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of bytes.');
  return n;
}

function clauseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const processIo: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('p5050')
    .description('Screen draft social-media posts against the City of Cottonwood Social Media Policy P5050, offline.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run p5050 --help for usage)')
    .addHelpText('after', HELP_FOOTER)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('check')
    .description('screen posts; reads stdin when given "-" or no path with piped input')
    .argument('[paths...]', 'files to screen ("-" for stdin)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['stylish', 'json']).default('stylish'))
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'never']).default('error'))
    .option('-q, --quiet', 'report only posts and clauses that did not pass')
    .option('--clause <ids>', 'screen only these clauses (comma-separated, e.g. 6.1.8,6.1.14)', clauseList)
    .option('--max-bytes <n>', 'largest input accepted, in bytes', positiveInteger, 1_000_000)
    .option('--no-color', 'plain output without colour')
    .option('--approvals <file>', 'approvals file (default: nearest .p5050/approvals.jsonl)')
    .option('--audit-log <file>', 'append one hash-chained JSON line per screened post to this file')
    .addHelpText('after', HELP_FOOTER)
    .action(async (paths: string[], options: import('./check').CheckCommandOptions) => {
      const { runCheck } = await import('./check');
      setExit(await runCheck(paths, options, io));
    });

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
    .option('--max-bytes <n>', 'largest input accepted, in bytes', positiveInteger, 1_000_000)
    .action(async (file: string, options: import('./approve').ApproveOptions) => {
      const { runApprove } = await import('./approve');
      setExit(runApprove(file, options, io));
    });

  program
    .command('audit')
    .description('work with the audit log')
    .command('verify')
    .description('check the hash chain of an audit log; exit 1 naming the first altered, removed or reordered line')
    .argument('<file>', 'audit log written by check --audit-log')
    .action(async (file: string) => {
      const { verifyAuditLog } = await import('./audit');
      setExit(verifyAuditLog(file, io));
    });

  program
    .command('explain')
    .description("show a clause: the policy's words, what p5050 screens, an example that fails and one that passes")
    .argument('<clause>', 'clause id, e.g. 6.1.14')
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

  return program;
}

/** Runs the CLI and resolves to the exit code; never calls process.exit so output is flushed. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.clean;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error (unknown option, bad value, no command) is usage.
      return err.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    throw err;
  }
  return code;
}
