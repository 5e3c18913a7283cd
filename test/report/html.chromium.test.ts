/// <reference lib="dom" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * The HTML review page in a real headless Chromium (Debian's chromium package, which .ci/run
 * installs): a card per post that did not pass, highlights on the right characters, secrets masked,
 * the filters work, nothing is fetched, and a screenshot renders. Without Chromium the test fails in
 * CI and is skipped (saying so) elsewhere.
 */

const BIN = join(__dirname, '..', '..', 'bin', 'p5050.js');
const CHROMIUM = process.env.P5050_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package for this test`);
if (!haveChromium) console.warn(`skipping the HTML report's browser test: no ${CHROMIUM} (apt-get install chromium)`);

const SECRET = 'Tr33House!2024';
const dir = mkdtempSync(join(tmpdir(), 'p5050-html-'));
const csv = join(dir, 'week.csv');
writeFileSync(
  csv,
  [
    'Date,Network,Message,Link,Image URL,Image Alt Text,First Comment',
    '2026-12-01,Facebook,Join us Saturday for the park reopening!,,,,',
    `2026-12-01,X,"Budget update.\nCONFIDENTIAL: draft figures <b>not</b> for release",,,,"The shared drive password: ${SECRET} for the forms"`,
    '2026-12-02,Facebook,Our partners have the festival schedule.,https://riversidearts.example.org/festival,,,',
    '2026-12-02,Instagram,New photos are up \u001b]0;x\u0007 now,,https://www.cottonwood.gov/p.jpg,"CONFIDENTIAL draft. Re-elect Mayor Smith banner",',
    '2026-12-03,Facebook,The library is closed Monday.,,,,',
  ].join('\n'),
);
const config = join(dir, 'p5050.config.json');
writeFileSync(config, JSON.stringify({ approvedDomains: ['cottonwood.gov'] }));

function p5050(args: string[]): { stdout: string; code: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { stdout: r.stdout, code: r.status };
}

interface JsonPost {
  id: string;
  verdict: string;
  findings: Array<{ clause: string; excerpt: string; offset: number; length: number }>;
}

(haveChromium ? describe : describe.skip)('--format html in headless Chromium', () => {
  jest.setTimeout(90_000);
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const html = join(dir, 'report.html');
  let posts: JsonPost[];

  beforeAll(async () => {
    const run = p5050(['check', csv, '--config', config, '--format', 'html', '-o', html]);
    expect(run.code).toBe(1);
    posts = (JSON.parse(p5050(['check', csv, '--config', config, '--format', 'json']).stdout) as { posts: JsonPost[] }).posts;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${html}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('has one card per post that did not pass, and the clean posts collapsed', async () => {
    const failing = posts.filter((p) => p.verdict !== 'clean');
    expect(failing.length).toBe(3);
    const cards = await page.$$eval('article.card', (els) => els.map((e) => ({ verdict: e.getAttribute('data-verdict'), title: e.querySelector('h3')!.textContent })));
    expect(cards).toEqual(failing.map((p) => ({ verdict: p.verdict, title: `${csv} ${p.id}` })));
    expect(await page.$eval('details.clean summary', (e) => e.textContent)).toBe('2 clean posts');
    expect(await page.$eval('details.clean', (e) => (e as HTMLDetailsElement).open)).toBe(false);
  });

  it('highlights sit on the characters each finding names', async () => {
    const failing = posts.filter((p) => p.verdict !== 'clean');
    const marked = await page.$$eval('article.card', (els) =>
      els.map((card) => {
        const byFinding: Record<string, string> = {};
        card.querySelectorAll('.text mark').forEach((m) => {
          for (const i of m.getAttribute('data-f')!.split(' ')) byFinding[i] = (byFinding[i] ?? '') + m.textContent;
        });
        return byFinding;
      }),
    );
    failing.forEach((post, c) => {
      post.findings.forEach((f, i) => {
        expect(marked[c]![String(i)]).toBe(f.excerpt);
      });
    });
    expect(failing.flatMap((p) => p.findings).length).toBeGreaterThanOrEqual(5);
  });

  it('masks credentials and shows control characters visibly', async () => {
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('\\x1b]0;x\\x07');
    expect(await page.$eval('body', (b) => b.innerHTML.includes('\u001b'))).toBe(false);
  });

  it('offers the approve command for a finding that needs the manager\'s approval', async () => {
    const commands = await page.$$eval('code.cmd', (els) => els.map((e) => e.textContent));
    expect(commands).toEqual([`p5050 approve ${csv} --id 'row 4' --clause 6.1.11 --rule unapproved-link --by "NAME" --reason "WHY"`]);
  });

  it('filters by verdict and by clause', async () => {
    const visible = (): Promise<string[]> => page.$$eval('article.card', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.getAttribute('data-verdict')!));
    expect(await visible()).toEqual(['blocked', 'needs-approval', 'blocked']);
    await page.uncheck('input[name=verdict][value=blocked]');
    expect(await visible()).toEqual(['needs-approval']);
    await page.check('input[name=verdict][value=blocked]');
    await page.selectOption('select[name=clause]', '6.1.14');
    expect(await visible()).toEqual(['blocked']);
    expect(await page.$eval('#shown', (e) => e.textContent)).toBe('1');
    await page.selectOption('select[name=clause]', '');
  });

  it('fetches nothing but itself, and a screenshot renders', async () => {
    expect(requests).toEqual([`file://${html}`]);
    const out = process.env.P5050_SCREENSHOT_DIR ?? dir;
    mkdirSync(out, { recursive: true });
    const shot = join(out, 'p5050-html-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
  });
});
