/**
 * A live count of screened posts on stderr, for people watching a large batch: shown whenever stderr
 * is a terminal (and not in CI), whatever stdout is — a report redirected to a file still shows
 * progress, and the count never enters the report. The line is cleared before anything else is
 * written to the terminal and when the run ends, so no frame is left behind.
 */

export const SHOW_AFTER_POSTS = 500;
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
/** Redraw at most this often: a terminal write per post would slow the run. */
const REDRAW_MS = 80;
const CLEAR = '\r\u001b[K';

export interface Progress {
  /** Called after each post with the number screened so far. */
  tick(count: number): void;
  /** Wraps output to the terminal so the progress line is cleared before it writes and redrawn after. */
  around(write: (s: string) => void): (s: string) => void;
  stop(): void;
}

const NONE: Progress = { tick: () => undefined, around: (write) => write, stop: () => undefined };

/** The stream is asked lazily: opening process.stderr costs start-up time that a piped run does not need. */
export function progressAllowed(env: NodeJS.ProcessEnv, stderrTty: () => boolean): boolean {
  return !env.CI && env.TERM !== 'dumb' && stderrTty();
}

export function createProgress(allowed: boolean, out: (s: string) => void = (s) => process.stderr.write(s), now: () => number = Date.now): Progress {
  if (!allowed) return NONE;
  let shown = false;
  let count = 0;
  let frame = 0;
  let drawnAt = 0;
  const draw = (): void => {
    out(`${CLEAR}${FRAMES[frame % FRAMES.length]} Screening… ${count.toLocaleString('en-US')} posts`);
    frame += 1;
    shown = true;
    drawnAt = now();
  };
  const clear = (): void => {
    if (shown) out(CLEAR);
    shown = false;
  };
  return {
    tick(n) {
      count = n;
      if (n >= SHOW_AFTER_POSTS && now() - drawnAt >= REDRAW_MS) draw();
    },
    around(write) {
      return (s) => {
        const was = shown;
        clear();
        write(s);
        if (was) draw();
      };
    },
    stop: clear,
  };
}
