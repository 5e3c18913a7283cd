import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let version: string | undefined;

/** p5050's version, from its package.json (read once). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
