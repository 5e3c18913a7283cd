import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findConfigFile, loadConfig, loadConfigFile } from '../../src/config/load';
import { STARTER_JSON, STARTER_YAML } from '../../src/config/starter';
import { screenConfigOf } from '../../src/config/types';
import { validateConfig } from '../../src/config/validate';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'p5050-config-'));
  made.push(d);
  return d;
};
const write = (path: string, text: string): string => {
  writeFileSync(path, text);
  return path;
};

describe('config discovery', () => {
  it('finds the nearest config from the working directory upwards, in the documented order', () => {
    const root = dir();
    const nested = join(root, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    expect(findConfigFile(nested)).toBeUndefined();
    write(join(root, '.p5050rc.yaml'), 'codenames: [Bluebird]\n');
    expect(findConfigFile(nested)).toBe(join(root, '.p5050rc.yaml'));
    write(join(root, 'p5050.config.json'), '{}');
    expect(findConfigFile(nested)).toBe(join(root, 'p5050.config.json'));
    write(join(root, 'a', 'package.json'), '{"name": "content"}');
    expect(findConfigFile(nested)).toBe(join(root, 'p5050.config.json'));
    write(join(root, 'a', 'package.json'), '{"name": "content", "p5050": {"codenames": ["Heron"]}}');
    expect(findConfigFile(nested)).toBe(join(root, 'a', 'package.json'));
  });

  it('reads the "p5050" key of package.json, YAML and JSON files', async () => {
    const root = dir();
    const pkg = write(join(root, 'package.json'), '{"name": "x", "p5050": {"codenames": ["Heron"], "failOn": "warning"}}');
    expect(await loadConfigFile(pkg)).toEqual({ file: pkg, config: { codenames: ['Heron'], failOn: 'warning' } });
    const yaml = write(join(root, '.p5050rc.yaml'), '# comment\napprovedDomains:\n  - cottonwood.gov\nrules:\n  confidentiality: warning\n');
    expect(await loadConfigFile(yaml)).toEqual({ file: yaml, config: { approvedDomains: ['cottonwood.gov'], rules: { confidentiality: 'warning' } } });
    expect(await loadConfig(false, root)).toEqual({ config: {} });
    expect(await loadConfig(undefined, root)).toMatchObject({ file: yaml });
  });
});

describe('config validation', () => {
  it('names an unknown key and the file', async () => {
    const file = write(join(dir(), 'p5050.config.json'), '{"candidate": ["Jane Smith"]}');
    expect(await loadConfigFile(file)).toEqual({
      problems: [{ source: file, message: expect.stringMatching(/^unknown key "candidate" \(did you mean "candidates"\?\) \(known keys: candidates, parties, /) }],
    });
  });

  it('reports every problem, each naming its key', () => {
    const result = validateConfig({
      candidates: 'Jane',
      codenames: ['ok', ''],
      approvedDomains: ['https://cottonwood.gov/parks'],
      allowlist: { phones: ['555'], faxes: [] },
      rules: { confidentiality: 'fatal' },
      failOn: 'sometimes',
    });
    expect(result).toEqual({
      problems: [
        '"candidates" must be a list of strings',
        '"codenames" item 2 must be a non-empty string',
        '"approvedDomains": "https://cottonwood.gov/parks" is not a domain name (write e.g. cottonwoodaz.gov, without https:// or a path)',
        'unknown key "allowlist.faxes" (known: phones, emails, addresses)',
        '"rules.confidentiality" must be one of error, warning, info, off (got "fatal")',
        '"failOn" must be one of error, warning, blocked, never (got "sometimes")',
      ],
    });
  });

  it('is not fooled by keys that exist on every object', () => {
    expect(validateConfig(JSON.parse('{"constructor": 1, "toString": 2}'))).toEqual({ problems: [expect.stringContaining('unknown key "constructor"'), expect.stringContaining('unknown key "toString"')] });
  });

  it('gives the line of a JSON or YAML syntax error', async () => {
    const root = dir();
    const json = write(join(root, 'p5050.config.json'), '{\n  "codenames": [\n    "a",\n  ]\n}');
    expect(await loadConfigFile(json)).toEqual({ problems: [{ source: json, message: expect.stringMatching(/^invalid JSON at line 4, column 3: /) }] });
    const yaml = write(join(root, '.p5050rc.yaml'), 'codenames: [a\nrules: {}\n');
    expect(await loadConfigFile(yaml)).toEqual({ problems: [{ source: yaml, message: expect.stringMatching(/^invalid YAML at line \d+: /) }] });
    expect(await loadConfig(join(root, 'missing.yaml'))).toEqual({ problems: [{ source: join(root, 'missing.yaml'), message: 'no such config file' }] });
  });

  it('maps onto ScreenConfig without failOn', () => {
    expect(screenConfigOf({ codenames: ['Heron'], failOn: 'never', rules: { 'confidentiality/internal-use-only': 'off' } })).toEqual({
      codenames: ['Heron'],
      rules: { 'confidentiality/internal-use-only': 'off' },
    });
  });
});

describe('starter config (p5050 init)', () => {
  it('the YAML starter has comments and is a valid config', () => {
    expect(STARTER_YAML).toMatch(/^# /m);
    expect(validateConfig(parse(STARTER_YAML))).toEqual({ config: { approvedDomains: ['cottonwoodaz.gov'], allowlist: {}, failOn: 'error', approvable: ['6.1.11', '6.1.6'] } });
  });

  it('the JSON starter is a valid config with a $comment', () => {
    const value = JSON.parse(STARTER_JSON) as Record<string, unknown>;
    expect(value.$comment).toEqual(expect.any(String));
    expect(validateConfig(value)).toMatchObject({ config: { approvedDomains: ['cottonwoodaz.gov'], failOn: 'error' } });
  });
});

describe('approval and model settings', () => {
  it('accepts known clause ids and probabilities and names what is wrong', () => {
    expect(validateConfig({ approvable: ['6.1.11', '6.1.8'], heads: { '6.1.14': { error: 0.7, review: 0.5 }, '6.1.5': 'off' } })).toMatchObject({ config: { approvable: ['6.1.11', '6.1.8'], heads: { '6.1.5': 'off' } } });
    expect(validateConfig({ approvable: ['6.1.99'] })).toEqual({ problems: [expect.stringContaining('unknown clause id "6.1.99"')] });
    expect(validateConfig({ heads: { '6.1.14': { error: 2 } } })).toEqual({ problems: [expect.stringContaining('"heads.6.1.14.error" must be a number from 0 to 1')] });
    expect(validateConfig({ heads: { '6.1.14': 'maybe' } })).toEqual({ problems: [expect.stringContaining('"heads.6.1.14" must be "off" or { error, review }')] });
    expect(validateConfig({ heads: { '6.1.2': 'off' } })).toEqual({ problems: [expect.stringContaining('no judgement head "6.1.2"')] });
  });
});
