import { summarize } from '../../src/pipeline';
import { screenStream, type ScreenedItem, type StreamInput } from '../../src/pipeline/stream';
import { RunTally } from '../../src/pipeline/tally';
import type { PostReport, Screener } from '../../src/types';

const marker: Screener = {
  meta: { id: 'marker', clauses: ['6.1.8'], description: 'test', defaultSeverity: 'error', languageDependent: false },
  check: (doc) => (doc.raw.includes('SECRET') ? [{ offset: doc.raw.indexOf('SECRET'), length: 6, ruleId: 'secret', clause: '6.1.8', severity: 'error', message: 'm', suggestion: 's' }] : []),
};

async function* items(n: number): AsyncGenerator<StreamInput> {
  for (let i = 1; i <= n; i++) {
    if (i % 7 === 0) yield { error: { source: 'f.jsonl', message: `line ${i}: bad` } };
    else yield { post: { source: 'f.jsonl', id: `line ${i}`, text: i % 3 === 0 ? `SECRET ${i}` : `post ${i}` } };
  }
}

async function collect(n: number): Promise<ScreenedItem[]> {
  const out: ScreenedItem[] = [];
  for await (const item of screenStream(items(n), { screeners: [marker], clauses: ['6.1.8'] })) out.push(item);
  return out;
}

describe('screenStream', () => {
  it('keeps input order, with input errors where they occurred', async () => {
    const out = await collect(30);
    expect(out.map((i) => ('error' in i ? i.error.message : i.report.id))).toEqual(
      Array.from({ length: 30 }, (_, k) => (((k + 1) % 7 === 0 ? `line ${k + 1}: bad` : `line ${k + 1}`))),
    );
    const third = out[2]!;
    expect('report' in third && third.report.verdict).toBe('blocked');
  });

  it('screens in this thread when custom screeners are given, however large the batch', async () => {
    expect(await collect(700)).toHaveLength(700);
  });
});

describe('RunTally', () => {
  it('adds up to what summarize() gives, counts clauses, and sets the exit code', async () => {
    const out = await collect(40);
    const reports = out.flatMap((i) => ('report' in i ? [i.report] : []));
    const errors = out.flatMap((i) => ('error' in i ? [i.error] : []));
    const tally = new RunTally('error');
    reports.forEach((r: PostReport) => tally.addPost(r));
    errors.forEach((e) => tally.addInputError(e));
    expect(tally.summary()).toEqual(summarize(reports, errors));
    expect(tally.clauseCounts()).toEqual([expect.objectContaining({ id: '6.1.8', counts: expect.objectContaining({ failed: 12, passed: 23 }) })]);
    expect(tally.exitCode()).toBe(2);
    const clean = new RunTally('error');
    reports.filter((r) => r.verdict !== 'blocked').forEach((r) => clean.addPost(r));
    expect(clean.exitCode()).toBe(0);
  });
});
