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

  it('spills to a temporary file past its memory limit and keeps multi-byte characters whole across chunks', () => {
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

describe('Spool inserts', () => {
  function expected(pieces: string[], marksBefore: Set<number>): string {
    return pieces.map((p, i) => (marksBefore.has(i) ? `<${i}>` : '') + p).join('');
  }

  it.each([
    ['in memory', 40],
    ['spilled to a file, marks across read chunks', 3_000],
  ])('puts each insert exactly at its mark (%s)', (_label, count) => {
    const spool = new Spool();
    const pieces = Array.from({ length: count }, (_, i) => `${'é✓a'.repeat(50 + (i % 7))}|${i}\n`);
    const markAt = new Set(pieces.map((_, i) => i).filter((i) => i % 97 === 0 || i === count - 1));
    const inserts: Array<{ at: number; text: string }> = [];
    pieces.forEach((p, i) => {
      if (markAt.has(i)) inserts.push({ at: spool.position(), text: `<${i}>` });
      spool.write(p);
    });
    let text = '';
    spool.drainTo((s) => (text += s), inserts);
    expect(text).toBe(expected(pieces, markAt));
  });

  it('writes inserts marked at the very end after everything else', () => {
    const spool = new Spool();
    spool.write('abc');
    let text = '';
    spool.drainTo((s) => (text += s), [{ at: spool.position(), text: '!' }]);
    expect(text).toBe('abc!');
  });
});
