import { existsSync, writeFileSync } from 'node:fs';
import { STARTER_JSON, STARTER_YAML } from '../config/starter';
import type { Io } from './main';

/** `p5050 init`: writes a commented starter config in the working directory. */
export function runInit(options: { json?: boolean; force?: boolean }, io: Io): number {
  const [file, text] = options.json ? ['p5050.config.json', STARTER_JSON] : ['.p5050rc.yaml', STARTER_YAML];
  if (existsSync(file) && !options.force) {
    io.stderr(`p5050: ${file}: already exists; not overwritten (use --force to replace it)\n`);
    return 2;
  }
  writeFileSync(file, text);
  io.stdout(`wrote ${file}: fill in your candidates, codenames and approved domains (every key is optional)\n`);
  return 0;
}
