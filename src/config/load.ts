import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { LoadedConfig } from './types';
import { describeJsonError } from '../util/json-error';
import { validateConfig } from './validate';

/**
 * Finding and reading the config file. Config files are DATA: JSON or YAML, parsed, never required
 * or executed. Discovery goes from the working directory upwards; in each directory the first of
 * CONFIG_FILES wins, and package.json counts only when it has a "p5050" key.
 */

export const CONFIG_FILES = ['p5050.config.json', '.p5050rc.json', '.p5050rc.yaml', '.p5050rc.yml', 'package.json'];
const PACKAGE_KEY = 'p5050';

export interface ConfigProblem {
  source: string;
  message: string;
}

export type ConfigResult = LoadedConfig | { problems: ConfigProblem[] };

function packageHasConfig(path: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return typeof pkg === 'object' && pkg !== null && PACKAGE_KEY in pkg;
  } catch {
    return false;
  }
}

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (existsSync(path) && (name !== 'package.json' || packageHasConfig(path))) return path;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function parseFile(path: string, text: string): Promise<{ value: unknown } | { problem: string }> {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    const { parseDocument } = await import('yaml');
    const doc = parseDocument(text, { prettyErrors: true });
    const error = doc.errors[0];
    if (error) return { problem: `invalid YAML${error.linePos ? ` at line ${error.linePos[0].line}` : ''}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
    return { value: doc.toJS() };
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (basename(path) !== 'package.json') return { value };
    return { value: (value as Record<string, unknown>)[PACKAGE_KEY] };
  } catch (err) {
    return { problem: `invalid JSON ${describeJsonError(text, err as Error)}` };
  }
}

export async function loadConfigFile(path: string): Promise<ConfigResult> {
  const fail = (message: string): ConfigResult => ({ problems: [{ source: path, message }] });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such config file' : code === 'EISDIR' ? 'is a directory, not a config file' : (err as Error).message);
  }
  const parsed = await parseFile(path, text.replace(/^\ufeff/, ''));
  if ('problem' in parsed) return fail(parsed.problem);
  const checked = validateConfig(parsed.value);
  if ('problems' in checked) return { problems: checked.problems.map((message) => ({ source: path, message })) };
  return { file: path, config: checked.config };
}

/** --config FILE, else the file found from `cwd` upwards, else no config. `explicit === false`: --no-config. */
export async function loadConfig(explicit: string | false | undefined, cwd: string = process.cwd()): Promise<ConfigResult> {
  if (explicit === false) return { config: {} };
  const path = explicit ?? findConfigFile(cwd);
  return path === undefined ? { config: {} } : loadConfigFile(path);
}
