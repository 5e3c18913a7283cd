/**
 * A spinner with a live count of screened posts, on stderr, for people watching a large batch. Only
 * when both stdout and stderr are terminals and not in CI: never mixed into a report that is piped
 * or parsed. ora loads only when a batch gets large enough to show it.
 */

export const SHOW_AFTER_POSTS = 500;

export interface Progress {
  /** Called after each post with the number screened so far. */
  tick(count: number): void;
  /** Wraps report output so the spinner line is cleared before the report writes and redrawn after. */
  around(write: (s: string) => void): (s: string) => void;
  stop(): void;
}

const NONE: Progress = { tick: () => undefined, around: (write) => write, stop: () => undefined };

/** The streams are asked lazily: opening process.stderr costs start-up time that a piped run does not need. */
export function progressAllowed(env: NodeJS.ProcessEnv, stdoutTty: () => boolean, stderrTty: () => boolean): boolean {
  return !env.CI && stdoutTty() && stderrTty();
}

export function createProgress(allowed: boolean): Progress {
  if (!allowed) return NONE;
  let spinner: import('ora').Ora | undefined;
  return {
    tick(count) {
      if (count < SHOW_AFTER_POSTS) return;
      const text = (): string => `Screening… ${count.toLocaleString('en-US')} posts`;
      if (!spinner) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const ora = require('ora') as typeof import('ora');
        spinner = ora({ text: text(), stream: process.stderr, discardStdin: false }).start();
      } else if (count % 100 === 0) {
        spinner.text = text();
      }
    },
    around(write) {
      return (s) => {
        spinner?.clear();
        write(s);
        spinner?.render();
      };
    },
    stop() {
      spinner?.stop();
    },
  };
}
