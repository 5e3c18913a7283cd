import { bufferedWriter } from '../../src/cli/output';
import { createProgress, progressAllowed } from '../../src/cli/progress';

describe('progress spinner', () => {
  it('is allowed only on a terminal stdout and stderr, and never in CI', () => {
    const yes = (): boolean => true;
    const no = (): boolean => false;
    expect(progressAllowed({}, yes, yes)).toBe(true);
    expect(progressAllowed({ CI: 'true' }, yes, yes)).toBe(false);
    expect(progressAllowed({}, no, yes)).toBe(false);
    expect(progressAllowed({}, yes, no)).toBe(false);
  });

  it('does not ask about stderr when stdout is not a terminal', () => {
    let asked = false;
    progressAllowed({}, () => false, () => (asked = true));
    expect(asked).toBe(false);
  });

  it('when not allowed, passes output straight through and shows nothing', () => {
    const progress = createProgress(false);
    const out: string[] = [];
    progress.tick(10_000);
    progress.around((s) => out.push(s))('report');
    progress.stop();
    expect(out).toEqual(['report']);
  });
});

describe('bufferedWriter', () => {
  it('gathers small writes into large ones and flushes the rest at the end', () => {
    const writes: string[] = [];
    const w = bufferedWriter((s) => writes.push(s), 10);
    for (const part of ['abc', 'def', 'ghij', 'k']) w.write(part);
    expect(writes).toEqual(['abcdefghij']);
    w.flush();
    w.flush();
    expect(writes).toEqual(['abcdefghij', 'k']);
  });
});
