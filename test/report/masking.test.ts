import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { screenPosts } from '../../src/pipeline/run';
import { formatReport, FORMATS } from '../../src/report';
import { formatStylish } from '../../src/report/stylish';
import { maskSpans, maskValue } from '../../src/text/mask';
import type { PostInput, PostReport } from '../../src/types';

/** Secrets of every kind the screeners mask: a password, a PIN, an API token, a private key, an access code, an SSN. */
const SECRETS = {
  password: 'Sycamore!2026',
  pin: '4417',
  token: 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5',
  key: 'MIIEowIBAAKCAQEA7bq9x0ZtZL3qk1Yv8PqyZ3h2PZpV7cXq9wE4rT6yU8iO0pA2sD4fG6hJ8kL0',
  gate: '4512',
  ssn: '536-22-1234',
};

const TEXT = [
  `New Instagram password: ${SECRETS.password} (Jess changed it)`,
  `The voicemail PIN was reset to ${SECRETS.pin}.`,
  `deploy token ${SECRETS.token}`,
  `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.key}\n-----END RSA PRIVATE KEY-----`,
  `The gate code is ${SECRETS.gate}.`,
  `Applicant SSN: ${SECRETS.ssn}`,
].join('\n');

const inputs: PostInput[] = [
  { source: 'draft.txt', id: 'draft.txt', text: TEXT },
  { source: 'batch.csv', id: 'row 2', text: TEXT, meta: { row: 2, line: 3 } },
];

function screened(): { run: ReturnType<typeof screenPosts>; texts: Map<PostReport, string> } {
  const run = screenPosts(inputs, []);
  return { run, texts: new Map(run.posts.map((p, i) => [p, inputs[i]!.text])) };
}

/** Every secret, and the parts of it long enough to give it away (8 characters of a key, the middle of a PIN). */
function leaks(report: string): string[] {
  return Object.entries(SECRETS).flatMap(([kind, secret]) => {
    const pieces = secret.length > 8 ? [secret, secret.slice(1, 9), secret.slice(-9, -1)] : [secret];
    return pieces.filter((piece) => report.includes(piece)).map((piece) => `${kind}: ${piece}`);
  });
}

describe('secrets in reports', () => {
  it('masks a value to its first and last characters, keeping its length and line breaks', () => {
    expect(maskValue('Sycamore!2026')).toBe('S***********6');
    expect(maskValue('4417')).toBe('4**7');
    expect(maskValue('ab')).toBe('**');
    expect(maskValue('ab\ncd')).toBe('a*\n*d');
    expect(maskSpans('PIN is 4417.', [{ offset: 7, length: 4 }])).toBe('PIN is 4**7.');
    // A secret cut by the edge of the text shows no end of it.
    expect(maskSpans('4417.', [{ offset: -3, length: 7 }], 0)).toBe('****.');
  });

  it('finds every secret of the test post (so the checks below can fail)', () => {
    const { run } = screened();
    const findings = run.posts[0]!.findings;
    expect(findings.filter((f) => f.secret).map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['password-in-text', 'pin-code', 'github-token', 'private-key', 'access-code', 'us-ssn']),
    );
    expect(leaks(inputs[0]!.text)).toHaveLength(Object.values(SECRETS).reduce((n, s) => n + (s.length > 8 ? 3 : 1), 0));
  });

  it('keeps offsets and lengths on the original characters and masks only the excerpt', () => {
    const { run } = screened();
    const pin = run.posts[0]!.findings.find((f) => f.ruleId === 'pin-code')!;
    expect(TEXT.slice(pin.offset, pin.offset + pin.length)).toBe(`voicemail PIN was reset to ${SECRETS.pin}`);
    expect(pin.excerpt).toBe('voicemail PIN was reset to 4**7');
    expect(TEXT.slice(pin.secret!.offset, pin.secret!.offset + pin.secret!.length)).toBe(SECRETS.pin);
  });

  it.each(FORMATS.map((f) => [f]))('%s contains no secret', async (format) => {
    const { run, texts } = screened();
    const report = await formatReport(format, run, {}, texts);
    // The pipeline's mask (first and last characters), the same in every format.
    expect(report).toMatch(/4\*\*7/);
    expect(leaks(report)).toEqual([]);
  });

  it('stylish shows the source line around a finding masked too', () => {
    const { run, texts } = screened();
    const report = formatStylish(run, {}, undefined, texts);
    expect(report).toContain('New Instagram password: S***********6 (Jess changed it)');
    expect(leaks(report)).toEqual([]);
  });

  it('the CLI prints no secret in any format', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'p5050.js');
    for (const format of FORMATS) {
      const result = spawnSync(process.execPath, [bin, 'check', '-', '--format', format, '--no-config'], { input: TEXT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
      expect(result.status).toBe(1);
      expect(leaks(result.stdout + result.stderr)).toEqual([]);
    }
  });
});
