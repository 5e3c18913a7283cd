import { bufferedWriter } from '../../src/cli/output';
import { createProgress } from '../../src/cli/progress';

describe('progress spinner', () => {
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
