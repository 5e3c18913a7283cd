import type { ClauseResult, PostReport, RunTotals } from '../types';
import type { FormatOptions, ReportSink, Write } from './types';
import { positionLabel } from './location';
import { postTitle } from './render';
import { Spool, type Insert } from './spool';

/**
 * JUnit XML, for CI test dashboards: a test suite per source file, a test case per post and screened
 * clause. A failed clause is a failure, a screener error an error, a clause that could not be
 * screened is skipped; a missing approval is a failure unless --fail-on blocked, a warning only with
 * --fail-on warning. The person's
 * checklist (manual clauses) is not a test. Input errors are a suite of their own.
 */

// Characters XML 1.0 does not allow at all.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // A parser turns a raw CR into LF (and CR LF into LF): as a reference it stays what it was.
    .replace(/\r/g, '&#13;');
}

const ATTRIBUTE_WHITE_SPACE: Record<string, string> = { '\n': '&#10;', '\t': '&#9;' };

/** For attribute values: a parser would turn raw line breaks and tabs there into spaces. */
export function xmlAttribute(text: string): string {
  return xmlEscape(text).replace(/[\n\t]/g, (c) => ATTRIBUTE_WHITE_SPACE[c]!);
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const zero = (): Counts => ({ tests: 0, failures: 0, errors: 0, skipped: 0 });

function count(counts: Counts, result: Outcome): void {
  counts.tests += 1;
  if (result === 'failure') counts.failures += 1;
  else if (result === 'error') counts.errors += 1;
  else if (result === 'skipped') counts.skipped += 1;
}

type Outcome = 'pass' | 'failure' | 'error' | 'skipped';

function outcome(c: ClauseResult, options: FormatOptions): Outcome {
  if (c.status === 'failed') return 'failure';
  if (c.status === 'error') return 'error';
  if (c.status === 'not-screened') return 'skipped';
  // A missing approval fails as the exit code does: at every level but "blocked" (and "never", like a failed clause).
  if (c.status === 'needs-approval') return options.failOn === 'blocked' ? 'pass' : 'failure';
  if (c.status === 'warning') return options.failOn === 'warning' ? 'failure' : 'pass';
  return 'pass';
}

function findingText(post: PostReport, clause: string): string {
  return post.findings
    .filter((f) => f.clause === clause)
    .map((f) => `${positionLabel(post, f)} ${f.severity} ${f.message} (${f.screener}/${f.ruleId})\n  "${f.excerpt}"\n  -> ${f.suggestion}`)
    .join('\n');
}

/** `name="…"` of each clause's test case, escaped once per run. */
const caseNames = new Map<string, string>();

function caseName(c: ClauseResult): string {
  let name = caseNames.get(c.id);
  if (name === undefined) caseNames.set(c.id, (name = xmlAttribute(`${c.id} ${c.title}`)));
  return name;
}

function testcase(post: PostReport, classname: string, c: ClauseResult, result: Outcome): string {
  const open = `    <testcase classname="${classname}" name="${caseName(c)}"`;
  if (result === 'pass' && post.findings.length === 0) return `${open}/>`;
  const details = findingText(post, c.id);
  const note = c.status === 'passed' ? '' : c.status.replace('-', ' ');
  switch (result) {
    case 'failure':
      return `${open}>\n      <failure message="${xmlAttribute(`${c.id} ${note}${c.detail ? `: ${c.detail}` : ''}`)}" type="${c.status}">${xmlEscape(details)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${xmlAttribute(c.detail ?? 'screener error')}" type="screener-error"/>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped message="${xmlAttribute(c.detail ?? 'not screened')}"/>\n    </testcase>`;
    default:
      return details ? `${open}>\n      <system-out>${xmlEscape(`${note}\n${details}`)}</system-out>\n    </testcase>` : `${open}/>`;
  }
}

function suiteOpen(name: string, c: Counts): string {
  return `  <testsuite name="${xmlAttribute(name)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}">\n`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Posts arrive grouped by source, so each suite is finished when the next source starts. A suite's
 * counts come before its cases, and the run's before every suite, so all cases wait in one spool (a
 * temporary file when large) and each suite's opening tag is put in at its mark when it is drained.
 */
export function junitSink(write: Write, options: FormatOptions): ReportSink {
  // The declaration goes out at once: a closed output is noticed before any screening.
  write(XML_DECLARATION);
  const cases = new Spool();
  const marks: Insert[] = [];
  const all = zero();
  let suite: { name: string; counts: Counts; at: number } | undefined;
  const finish = (): void => {
    if (!suite) return;
    if (suite.counts.tests > 0) {
      marks.push({ at: suite.at, text: suiteOpen(suite.name, suite.counts) });
      cases.write('  </testsuite>\n');
      for (const key of Object.keys(all) as Array<keyof Counts>) all[key] += suite.counts[key];
    }
    suite = undefined;
  };
  const start = (name: string): NonNullable<typeof suite> => {
    if (suite?.name !== name) {
      finish();
      suite = { name, counts: zero(), at: cases.position() };
    }
    return suite;
  };
  return {
    filler: '\n',
    post(post) {
      const s = start(post.source);
      const classname = xmlAttribute(postTitle(post));
      for (const c of post.clauses) {
        if (c.kind === 'manual') continue;
        const result = outcome(c, options);
        if (options.quiet && result === 'pass') continue;
        count(s.counts, result);
        cases.write(`${testcase(post, classname, c, result)}\n`);
      }
    },
    end(totals: RunTotals) {
      if (totals.inputErrors.length) {
        const s = start('input errors');
        for (const e of totals.inputErrors) {
          count(s.counts, 'error');
          cases.write(`    <testcase classname="${xmlAttribute(e.source)}" name="read input">\n      <error message="${xmlAttribute(e.message)}" type="input-error"/>\n    </testcase>\n`);
        }
      }
      finish();
      write(`<testsuites name="p5050" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}">\n`);
      cases.drainTo(write, marks);
      write('</testsuites>\n');
    },
  };
}
