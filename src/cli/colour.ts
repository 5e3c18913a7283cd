import type { Paint } from '../report/stylish';
import { NO_PAINT } from '../report/stylish';

/**
 * Colour level: --no-color and NO_COLOR (any non-empty value) switch colour off; --color and
 * FORCE_COLOR force it (FORCE_COLOR=0/false = off, 2 or 3 = more colours); otherwise colour only when
 * the report goes to a terminal that is not TERM=dumb.
 */
export function colourLevel(flagColour: boolean | undefined, env: NodeJS.ProcessEnv, isTty: boolean): number {
  if (flagColour === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return flagColour ? 1 : 0;
    const level = Number(force);
    return Number.isInteger(level) && level >= 1 && level <= 3 ? level : 1;
  }
  if (flagColour) return 1;
  return isTty && env.TERM !== 'dumb' ? 1 : 0;
}

export function paintFor(level: number): Paint {
  if (level === 0) return NO_PAINT;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const chalk = require('chalk') as typeof import('chalk');
  return new chalk.Instance({ level: level as 1 | 2 | 3 });
}
