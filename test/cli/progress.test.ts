import { createProgress, progressAllowed, SHOW_AFTER_POSTS } from '../../src/cli/progress';

describe('progress', () => {
  it('is shown when stderr is a terminal, whatever stdout is, but not in CI or on a dumb terminal', () => {
    expect(progressAllowed({}, () => true)).toBe(true);
    expect(progressAllowed({}, () => false)).toBe(false);
    expect(progressAllowed({ CI: '1' }, () => true)).toBe(false);
    expect(progressAllowed({ TERM: 'dumb' }, () => true)).toBe(false);
  });

  it('clears its line before other output and when it stops, so no frame is left behind', () => {
    let screen = '';
    let clock = 0;
    const progress = createProgress(true, (s) => (screen += s), () => (clock += 100));
    const say = progress.around((s) => (screen += s));
    for (let n = 1; n <= SHOW_AFTER_POSTS + 5; n += 1) progress.tick(n);
    expect(screen).toMatch(/Screening… 50\d posts$/);
    say('p5050: x.csv: row 3: problem\n');
    progress.stop();
    // What a terminal shows: every "\r\x1b[K" erases the line drawn since the last line feed.
    const shown = screen.split('\n').map((line) => line.split('\r\u001b[K').pop()).join('\n');
    expect(shown).toBe('p5050: x.csv: row 3: problem\n');
  });

  it('draws nothing for a small batch', () => {
    let screen = '';
    const progress = createProgress(true, (s) => (screen += s));
    for (let n = 1; n < SHOW_AFTER_POSTS; n += 1) progress.tick(n);
    progress.stop();
    expect(screen).toBe('');
  });
});
