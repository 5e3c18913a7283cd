import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentials } from '../../src/screeners/credentials';
import { loadLexiconData } from '../../src/text/lexicon';
import { screen } from '../helpers';

/**
 * One true case and one look-alike per token family (test/fixtures/credential-families.json, keys
 * generated at random in each vendor's documented format; look-alikes have the wrong length or
 * character set, or are placeholders and published examples).
 */
interface Family {
  rule: string;
  true: string;
  lookalike: string;
  lookalikeIs: string;
}

const families: Family[] = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'credential-families.json'), 'utf8'));
const lexicon = loadLexiconData<{ tokenRules: Array<{ id: string; severity?: string }>; serviceKeys: Array<{ id: string }> }>('credentials');

describe('credential token families (6.1.2)', () => {
  it('has a true case and a look-alike for every token rule and service key in the lexicon', () => {
    const blocking = lexicon.tokenRules.filter((r) => r.severity !== 'info').map((r) => r.id);
    const ids = [...blocking, ...lexicon.serviceKeys.map((k) => k.id)];
    expect(ids.filter((id) => !families.some((f) => f.rule === id))).toEqual([]);
  });

  it.each(families.map((f) => [f.rule, f] as const))('%s: catches the true case, passes the look-alike', (_rule, family) => {
    const hits = screen(credentials, family.true);
    expect(hits.map((h) => h.ruleId)).toContain(family.rule);
    const hit = hits.find((h) => h.ruleId === family.rule)!;
    expect(hit.severity).toBe('error');
    expect(hit.secret).toBeDefined();
    expect(screen(credentials, family.lookalike).filter((h) => h.severity !== 'info')).toEqual([]);
  });

  it('reports Stripe test-mode keys as information only', () => {
    const [hit] = screen(credentials, 'Use sk_test_4eC39HqLyjWDarjtT1zdp7dc in the sandbox.');
    expect(hit).toMatchObject({ ruleId: 'stripe-test-key', severity: 'info' });
  });

  it('lets a service named in the key decide: a value of the wrong shape for it is not a generic secret', () => {
    expect(screen(credentials, 'meraki_token = 5a4f8e2c9b7d1e3f6a8c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c').filter((h) => h.severity === 'error')).toEqual([]);
    // The same value under a plain credential word is one.
    expect(screen(credentials, 'token = 5a4f8e2c9b7d1e3f6a8c0b2d4e6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c').map((h) => h.severity)).toEqual(['error']);
    // A service name inside another word is not the service ("rookTable" is not Okta).
    expect(screen(credentials, 'rookTable = 00ab' + 'Zq9'.repeat(13) + 'x').filter((h) => h.ruleId === 'okta-token')).toEqual([]);
  });
});
