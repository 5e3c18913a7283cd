import { readFileSync } from 'node:fs';
import { verifyChain } from '../audit/chain';
import type { Io } from './main';
import { visibleLine } from '../report/escape';

export interface VerifyCommandOptions {
  /** A head hash printed by an earlier verify (or kept in a commit): the log must still contain it. */
  expectHead?: string;
}

/** `p5050 audit verify <file>`: 0 when the chain is intact, 1 naming the first bad line, 2 if unreadable. */
export function verifyAuditLog(file: string, options: VerifyCommandOptions, io: Io): number {
  const expectHead = options.expectHead?.trim().toLowerCase();
  if (expectHead !== undefined && !/^[0-9a-f]{64}$/.test(expectHead)) {
    io.stderr(`p5050: --expect-head: "${options.expectHead}" is not a head hash (64 hexadecimal digits, as audit verify prints it)\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr(`p5050: ${visibleLine(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not an audit log file' : (err as Error).message}`)}\n`);
    return 2;
  }
  const result = verifyChain(bytes, { expectHead });
  if (result.ok) {
    const lines = `${result.lines} line${result.lines === 1 ? '' : 's'}`;
    io.stdout(`${file}: intact, ${lines}, head ${result.head}${expectHead ? ' (contains the expected head)' : ''}\n`);
    return 0;
  }
  io.stdout(`${file}: tampered at line ${result.line}: ${result.problem}\n`);
  return 1;
}
