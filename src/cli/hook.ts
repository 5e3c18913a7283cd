import { join } from 'node:path';
import type { InputItem, ReadOptions } from '../inputs';
import { readContent } from '../inputs';
import { installHook, uninstallHook, type HookResult } from '../hook/install';
import { repositoryTop, stagedContents, stagedPostFiles, type StagedFile } from '../hook/staged';
import { screenAndReport, type CheckCommandOptions } from './check';
import type { Io } from './main';

/** `p5050 hook install | uninstall | run`: the git pre-commit hook. */

const BIN = join(__dirname, '..', '..', 'bin', 'p5050.js');

function report(result: HookResult, io: Io): number {
  if ('problem' in result) {
    io.stderr(`p5050: ${result.problem}\n`);
    return 2;
  }
  io.stdout(`${result.message}\n`);
  return 0;
}

export function runHookInstall(options: { force?: boolean }, io: Io): number {
  return report(installHook(process.cwd(), options.force === true, BIN), io);
}

export function runHookUninstall(io: Io): number {
  return report(uninstallHook(process.cwd()), io);
}

async function* stagedItems(top: string, files: StagedFile[], options: ReadOptions): AsyncGenerator<InputItem> {
  for (const content of stagedContents(top, files)) {
    if ('problem' in content) yield { error: { source: content.source, message: content.problem } };
    else yield* readContent(content, options);
  }
}

/** Screens what the commit will contain; exit 1 (or 2) makes git refuse the commit. */
export async function runHookRun(options: CheckCommandOptions, io: Io): Promise<number> {
  const top = repositoryTop(process.cwd());
  if ('problem' in top) return report(top, io);
  const staged = stagedPostFiles(top.top);
  if ('problem' in staged) return report(staged, io);
  if (staged.files.length === 0) {
    io.stderr('p5050: no staged posts to screen\n');
    return 0;
  }
  const code = await screenAndReport((read) => stagedItems(top.top, staged.files, read), options, io);
  if (code !== 0) io.stderr('p5050: commit blocked by the findings above (fix the posts, or commit with --no-verify to skip the check once)\n');
  return code;
}
