import { readFileSync } from 'node:fs';
import { verifyChain } from '../audit/chain';
import type { Io } from './main';

/** `p5050 audit verify <file>`: 0 when the chain is intact, 1 naming the first bad line, 2 if unreadable. */
export function verifyAuditLog(file: string, io: Io): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr(`p5050: ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return 2;
  }
  const result = verifyChain(text);
  if (result.ok) {
    io.stdout(`${file}: intact, ${result.lines} line${result.lines === 1 ? '' : 's'}\n`);
    return 0;
  }
  io.stdout(`${file}: tampered at line ${result.line}: ${result.problem}\n`);
  return 1;
}
