import type { Paint } from '../report/stylish';
import { NO_PAINT } from '../report/stylish';

/**
 * Colour level: --no-color and NO_COLOR (any non-empty value) switch colour off; FORCE_COLOR forces
 * it (0/false = off); otherwise colour only when stdout is a terminal.
 */
export function colourLevel(flagColour: boolean, env: NodeJS.ProcessEnv, isTty: boolean): number {
  if (!flagColour || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    const level = Number(force);
    return Number.isInteger(level) && level >= 1 && level <= 3 ? level : 1;
  }
  return isTty ? 1 : 0;
}

export function paintFor(level: number): Paint {
  if (level === 0) return NO_PAINT;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const chalk = require('chalk') as typeof import('chalk');
  return new chalk.Instance({ level: level as 1 | 2 | 3 });
}
