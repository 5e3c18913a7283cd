import { Spool } from '../../src/report/spool';

describe('Spool', () => {
  it('gives back exactly what was written, in memory when small', () => {
    const spool = new Spool();
    spool.write('a|');
    spool.write('ñ✓');
    const out: string[] = [];
    spool.drainTo((s) => out.push(s));
    expect(out.join('')).toBe('a|ñ✓');
    expect(spool.length).toBe(0);
  });

  it('spills to a temporary file past 4 MB and keeps multi-byte characters whole across chunks', () => {
    const spool = new Spool();
    const piece = `${'é'.repeat(99_999)}✓\n`; // 2-byte and 3-byte characters straddle every read boundary
    for (let i = 0; i < 60; i++) spool.write(piece);
    let text = '';
    spool.drainTo((s) => (text += s));
    expect(text.length).toBe(piece.length * 60);
    expect(text).toBe(piece.repeat(60));
    // Reusable after draining.
    spool.write('again');
    let again = '';
    spool.drainTo((s) => (again += s));
    expect(again).toBe('again');
  });
});
