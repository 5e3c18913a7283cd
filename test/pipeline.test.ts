import { checkPost, exitCode, MAX_REPORTED_FINDINGS, postFails } from '../src/pipeline';
import { cpuMilliseconds } from './helpers';
import { clauses, findClause, unknownClauseIds } from '../src/policy/catalog';
import { check } from '../src/index';
import { contentHash } from '../src/approvals/hash';
import type { ApprovalRecord, PostReport, Screener, Severity } from '../src/types';

const post = (text: string) => ({ source: 'test.txt', id: 'test.txt', text });

const throwing: Screener = {
  meta: { id: 'broken', clauses: ['6.1.14'], description: 'always throws', defaultSeverity: 'error', languageDependent: false },
  check() {
    throw new Error('boom');
  },
};

const warnsOnWord: Screener = {
  meta: { id: 'warns', clauses: ['6.1.5'], description: 'warns on "studies"', defaultSeverity: 'warning', languageDependent: true },
  check(doc) {
    const at = doc.raw.indexOf('studies');
    return at < 0 ? [] : [{ offset: at, length: 7, ruleId: 'studies', clause: '6.1.5', severity: 'warning', message: 'm', suggestion: 's' }];
  },
};

describe('policy catalog', () => {
  it('covers every clause that bears on a post, with the policy words and a kind', () => {
    const ids = clauses().map((c) => c.id);
    for (const id of ['4.1', '5.3.b', '6.1.1', '6.1.2', '6.1.3', '6.1.4', '6.1.5', '6.1.6', '6.1.7', '6.1.8', '6.1.9', '6.1.10', '6.1.11', '6.1.12', '6.1.13', '6.1.14', '6.2.16', '6.2', '6.4', '6.4.1']) {
      expect(ids).toContain(id);
    }
    for (const c of clauses()) {
      expect(c.text.length).toBeGreaterThan(20);
      expect(['screened', 'needs-approval', 'manual']).toContain(c.kind);
    }
    expect(findClause('6.1.1')?.kind).toBe('manual');
    expect(findClause('6.1.11')?.kind).toBe('needs-approval');
    expect(findClause('6.1.14')?.text).toMatch(/political campaigns or candidates/);
  });

  it('names unknown clause ids', () => {
    expect(unknownClauseIds(['6.1.8', '9.9', '6.1.15'])).toEqual(['9.9', '6.1.15']);
  });
});

describe('pipeline', () => {
  it('turns a throwing screener into an error entry, not a crash', () => {
    const report = checkPost(post('Vote on Tuesday.'), { screeners: [throwing] });
    expect(report.errors).toEqual([{ screener: 'broken', clauses: ['6.1.14'], message: 'boom' }]);
    expect(report.clauses.find((c) => c.id === '6.1.14')?.status).toBe('error');
    expect(report.verdict).toBe('blocked');
    expect(exitCode([report], [], 'error')).toBe(1);
  });

  it('never lists a manual clause as passed', () => {
    const report = checkPost(post('Library opens at 9.'), { screeners: [] });
    for (const c of report.clauses.filter((x) => x.kind === 'manual')) expect(c.status).toBe('manual');
  });

  it('says a clause without a screener was not screened', () => {
    const report = checkPost(post('Library opens at 9.'), { screeners: [warnsOnWord] });
    expect(report.clauses.find((c) => c.id === '6.1.13')).toMatchObject({ status: 'not-screened' });
    expect(report.clauses.find((c) => c.id === '6.1.5')).toMatchObject({ status: 'passed' });
  });

  it('adds line, column and excerpt from the original text', () => {
    const report = checkPost(post('Intro line.\nNew studies say so.'), { screeners: [warnsOnWord], clauses: ['6.1.5'] });
    expect(report.findings[0]).toMatchObject({ screener: 'warns', line: 2, column: 5, excerpt: 'studies', severity: 'warning' });
    expect(report.verdict).toBe('review');
    expect(postFails(report, 'error')).toBe(false);
    expect(postFails(report, 'warning')).toBe(true);
    expect(postFails(report, 'never')).toBe(false);
  });

  it('applies per-rule overrides from config', () => {
    const text = 'New studies say so.';
    expect(checkPost(post(text), { screeners: [warnsOnWord], config: { rules: { studies: 'error' } } }).verdict).toBe('blocked');
    expect(checkPost(post(text), { screeners: [warnsOnWord], config: { rules: { 'warns/studies': 'off' } } }).findings).toEqual([]);
  });

  it('restricts screening and the report to the chosen clauses', () => {
    const report = checkPost(post('CONFIDENTIAL memo'), { clauses: ['6.1.14'] });
    expect(report.clauses.map((c) => c.id)).toEqual(['6.1.14']);
    expect(report.findings).toEqual([]);
  });

  it('marks language-dependent clauses of an unsupported language as not screened, and the post as needing review', () => {
    const report = checkPost(post('La bibliothèque municipale ouvre demain matin avec des activités pour toute la famille.'), { screeners: [warnsOnWord] });
    expect(report.language).toMatchObject({ code: 'fra', supported: false });
    expect(report.clauses.find((c) => c.id === '6.1.5')?.detail).toMatch(/not screened: language fra/);
    expect(report.verdict).toBe('not-screened');
    expect(postFails(report, 'warning')).toBe(true);
  });

  it('gives exit code 2 for input errors whatever the findings', () => {
    const clean = checkPost(post('Library opens at 9.'), { screeners: [] });
    expect(exitCode([clean], [{ source: 'x', message: 'no such file' }], 'error')).toBe(2);
    expect(exitCode([clean], [], 'error')).toBe(0);
  });

  it('is what the library API runs', () => {
    const report = check('Update on the budget.\nCONFIDENTIAL: draft figures\n');
    const finding = report.findings.find((f) => f.clause === '6.1.8');
    expect(finding).toMatchObject({ line: 2, column: 1, excerpt: 'CONFIDENTIAL', severity: 'error' });
    expect(report.verdict).toBe('blocked');
  });

  it('screens a 1 MB post full of hits in seconds, and reports the first findings with the number left out', () => {
    const unit = 'use code SAVE20 buy now #ad the mayor is a joke. see t.co/x CONFIDENTIAL you idiot ';
    const text = unit.repeat(Math.ceil(1e6 / unit.length)).slice(0, 1e6);
    let report = checkPost(post('warm up: CONFIDENTIAL'));
    const ms = cpuMilliseconds(() => (report = checkPost(post(text))));
    expect(ms).toBeLessThan(10_000);
    expect(report.findings).toHaveLength(MAX_REPORTED_FINDINGS);
    expect(report.omittedFindings).toBeGreaterThan(10_000);
    expect(report.findings.every((f, i) => i === 0 || report.findings[i - 1]!.offset <= f.offset)).toBe(true);
    expect(report.verdict).toBe('blocked');
  });

  it('drops a finding nested in another of the same screener and clause, keeping the first of equal spans', () => {
    const nested: Screener = {
      meta: { id: 'nest', clauses: ['6.1.8'], description: 'd', defaultSeverity: 'error', languageDependent: false },
      check: () => [
        { offset: 2, length: 3, ruleId: 'inner', clause: '6.1.8', severity: 'error', message: 'm', suggestion: 's' },
        { offset: 0, length: 10, ruleId: 'outer', clause: '6.1.8', severity: 'error', message: 'm', suggestion: 's' },
        { offset: 0, length: 10, ruleId: 'twin', clause: '6.1.8', severity: 'error', message: 'm', suggestion: 's' },
        { offset: 8, length: 5, ruleId: 'overlap', clause: '6.1.8', severity: 'error', message: 'm', suggestion: 's' },
      ],
    };
    const report = checkPost(post('0123456789abcdef'), { screeners: [nested], clauses: ['6.1.8'] });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['outer', 'overlap']);
  });
});

/** A screener reporting "link" (6.1.11, needs approval), "endorse" (6.1.14) and "studies" (6.1.5) at the given severities. */
function fixed(severities: { link?: Severity; endorse?: Severity } = {}): Screener {
  return {
    meta: { id: 'fixed', clauses: ['6.1.5', '6.1.11', '6.1.14'], description: 'd', defaultSeverity: 'warning', languageDependent: false },
    check(doc) {
      const words: Array<[string, string, Severity]> = [['link', '6.1.11', severities.link ?? 'warning'], ['endorse', '6.1.14', severities.endorse ?? 'error'], ['studies', '6.1.5', 'warning']];
      return words.flatMap(([word, clause, severity]) => {
        const at = doc.raw.indexOf(word);
        return at < 0 ? [] : [{ offset: at, length: word.length, ruleId: word, clause, severity, message: 'm', suggestion: 's' }];
      });
    },
  };
}

const approval = (over: Partial<ApprovalRecord>): ApprovalRecord => ({
  kind: 'approval', contentHash: 'x', source: 'test.txt', clause: '6.1.11', by: 'Dana Lee', reason: 'partner page', at: '2026-11-01T00:00:00.000Z', ...over,
});

describe('verdicts and --fail-on', () => {
  const screen = (text: string, extra: Parameters<typeof checkPost>[1] = {}): PostReport => checkPost(post(text), { screeners: [fixed()], clauses: ['6.1.5', '6.1.11', '6.1.14'], ...extra });

  it('a needs-approval finding with no approval makes the verdict needs-approval, above review', () => {
    const report = screen('See the link. New studies say so.');
    expect(report.clauses.find((c) => c.id === '6.1.11')?.status).toBe('needs-approval');
    expect(report.verdict).toBe('needs-approval');
    expect(screen('New studies say so.').verdict).toBe('review');
    expect(screen('See the link and endorse it.').verdict).toBe('blocked');
    expect(screen('Pool opens at noon.').verdict).toBe('clean');
  });

  it('gives each verdict its exit code at each level', () => {
    const verdicts: Record<PostReport['verdict'], PostReport> = {
      blocked: screen('endorse'),
      'needs-approval': screen('link'),
      'not-screened': checkPost(post('La bibliothèque municipale ouvre demain matin avec des activités pour toute la famille.'), { screeners: [warnsOnWord] }),
      review: screen('studies'),
      clean: screen('noon'),
    };
    for (const [verdict, report] of Object.entries(verdicts)) expect([verdict, report.verdict]).toEqual([verdict, verdict]);
    const codes = (failOn: 'error' | 'warning' | 'blocked' | 'never'): Record<string, number> =>
      Object.fromEntries(Object.entries(verdicts).map(([v, r]) => [v, exitCode([r], [], failOn)]));
    expect(codes('error')).toEqual({ blocked: 1, 'needs-approval': 1, 'not-screened': 0, review: 0, clean: 0 });
    expect(codes('warning')).toEqual({ blocked: 1, 'needs-approval': 1, 'not-screened': 1, review: 1, clean: 0 });
    expect(codes('blocked')).toEqual({ blocked: 1, 'needs-approval': 0, 'not-screened': 0, review: 0, clean: 0 });
    expect(codes('never')).toEqual({ blocked: 0, 'needs-approval': 0, 'not-screened': 0, review: 0, clean: 0 });
  });

  it('an approval bound to the current text clears the gate; an approval of other words is stale and says so', () => {
    const text = 'See the link.';
    const approved = screen(text, { approvals: [approval({ contentHash: contentHash(text) })] });
    expect(approved.clauses.find((c) => c.id === '6.1.11')?.status).toBe('approved');
    expect(approved.verdict).toBe('clean');
    const stale = screen(text, { approvals: [approval({ contentHash: contentHash('See the old link.') })] });
    expect(stale.verdict).toBe('needs-approval');
    expect(stale.findings[0]?.staleApproval?.by).toBe('Dana Lee');
    expect(stale.clauses.find((c) => c.id === '6.1.11')?.detail).toMatch(/needs approval again: the approval by Dana Lee on 2026-11-01 no longer matches the content/);
    expect(exitCode([stale], [], 'error')).toBe(1);
  });

  it('ignores an approval of a clause no manager may approve, unless the config makes it approvable', () => {
    const text = 'Please endorse her.';
    const forged = [approval({ clause: '6.1.14', contentHash: contentHash(text) })];
    expect(screen(text, { approvals: forged }).verdict).toBe('blocked');
    expect(screen(text, { approvals: forged, approvable: ['6.1.11', '6.1.14'] }).verdict).toBe('clean');
    // A 4.1 exception is a different record, granted by DoIT with the Deputy City Manager, and counts.
    const exception = screen(text, { approvals: [approval({ kind: 'exception', clause: '6.1.14', contentHash: contentHash(text) })] });
    expect(exception.clauses.find((c) => c.id === '6.1.14')?.status).toBe('exception');
  });

  it('review is not approval: a model judgement below the error threshold and an unsourced statistic stay review', () => {
    for (const text of ['These new parking rules make no sense at all.', 'Burglaries fell 40% last year, and most residents feel safer.']) {
      const report = check(text);
      expect(report.findings.map((f) => f.severity)).toEqual(expect.arrayContaining(['warning']));
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect([text, report.verdict]).toEqual([text, 'review']);
      expect(exitCode([report], [], 'error')).toBe(0);
      expect(exitCode([report], [], 'warning')).toBe(1);
    }
    const model = check('These new parking rules make no sense at all.').findings.find((f) => f.screener === 'judgement');
    expect(model?.score).toBeGreaterThan(0);
  });

  it('a needs-approval rule turned down to info informs without gating', () => {
    const report = checkPost(post('See the link.'), { screeners: [fixed({ link: 'info' })], clauses: ['6.1.11'] });
    expect(report.findings).toHaveLength(1);
    expect(report.clauses[0]?.status).toBe('passed');
    expect(report.verdict).toBe('clean');
  });
});
