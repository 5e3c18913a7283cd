import { links } from '../../src/screeners/links';
import { findUrls } from '../../src/screeners/urls';
import { bareDocument, expectLinearTime, flagged, MEGABYTE, repeatTo, screen, worstCase } from '../helpers';

const CITY = { approvedDomains: ['cottonwoodaz.gov', 'https://www.YouTube.com/'] };

describe('links screener (6.1.11): links', () => {
  it.each([
    ['See https://a.org/x.', 'https://a.org/x'],
    ['Details (https://b.com/y) here', 'https://b.com/y'],
    ['Wiki: https://en.wikipedia.org/wiki/Cottonwood_(Arizona), more', 'https://en.wikipedia.org/wiki/Cottonwood_(Arizona)'],
    ['Visit www.c.org!', 'www.c.org'],
    ['Go to example.com/path?x=1; thanks', 'example.com/path?x=1'],
    ['Listen at WTOP.com.', 'WTOP.com'],
    ['Quoted “https://d.net/a” link', 'https://d.net/a'],
    ['Shortened: t.co/ABC123', 't.co/ABC123'],
  ])('finds the link in %j, without trailing punctuation', (text, url) => {
    expect(flagged(links, text)).toEqual([url]);
  });

  it.each([
    'Email info@cottonwoodaz.gov or jane.doe@city.gov for details.',
    'Meeting at 6.30pm, see p.5 of the agenda (Ph.D. candidates welcome).',
    'Our report.pdf and the U.S. census figures are attached.',
  ])('finds no link in %j', (text) => {
    expect(flagged(links, text)).toEqual([]);
  });

  it('without approved domains, a non-government link needs approval and the message says how to add its domain', () => {
    const [hit] = screen(links, 'Read more at https://www.verdevalleyfair.org/news');
    expect(hit).toMatchObject({ ruleId: 'unapproved-link', clause: '6.1.11', severity: 'warning', excerpt: 'https://www.verdevalleyfair.org/news' });
    expect(hit?.message).toMatch(/neither a government site \(\.gov, \.mil\) nor on the approved domain list/);
    expect(hit?.message).toMatch(/No approved domains are configured \(config key approvedDomains\)/);
    expect(hit?.suggestion).toMatch(/add it to approvedDomains in the config \(in \.p5050rc\.yaml: approvedDomains: \[verdevalleyfair\.org\]; p5050 init writes a starter config\)/);
  });

  it.each([
    'Apply at https://www.cottonwoodaz.gov/jobs by Friday.',
    'Apply at cottonwoodaz.gov/jobs by Friday.',
    'Register at vote.gov or elections.maricopa.gov.',
    'Get a kit list at ready.gov/kit and forest news at fs.usda.gov/coconino.',
    'Sign up at COTTONWOODAZ.GOV/ALERTS (it is free).',
    'Report fraud: reportfraud.ftc.gov.',
    'Veterans: see va.gov and army.mil/benefits.',
    'Pay online: https://cottonwoodaz.gov:443/pay?acct=1',
  ])('passes government (.gov, .mil) links at any level without any config: %j', (text) => {
    expect(flagged(links, text)).toEqual([]);
  });

  it.each([
    ['Pay at https://cottonwoodaz.gov.evil.com/pay', 'https://cottonwoodaz.gov.evil.com/pay'],
    ['Pay at cottonwoodaz-gov.com/pay', 'cottonwoodaz-gov.com/pay'],
    ['Pay at cottonwoodaz.gov.com today', 'cottonwoodaz.gov.com'],
    ['Pay at https://cottonwoodaz.gov@evil.com/pay', 'https://cottonwoodaz.gov@evil.com/pay'],
    ['Pay at https://evil.com\\@cottonwoodaz.gov/pay', 'https://evil.com\\@cottonwoodaz.gov/pay'],
    ['Pay at https://evil.com/cottonwoodaz.gov', 'https://evil.com/cottonwoodaz.gov'],
    ['Pay at https://evil.com?next=cottonwoodaz.gov', 'https://evil.com?next=cottonwoodaz.gov'],
    ['Pay at https://cottonwoodaz.g\u043ev/pay', 'https://cottonwoodaz.g\u043ev/pay'], // Cyrillic о in "gov"
    ['Rates: bit.ly/cw-rates', 'bit.ly/cw-rates'],
  ])('flags a look-alike or hidden host in %j', (text, url) => {
    expect(flagged(links, text)).toEqual([url]);
  });

  it.each([
    ['Volunteer: verdevalleyfair.org/volunteer', 'verdevalleyfair.org/volunteer'],
    ['See example.com/x for more.', 'example.com/x'],
    ['Tickets at VerdeValleyFair.com!', 'VerdeValleyFair.com'],
    ['Menu: shop.example.net/menu?day=1.', 'shop.example.net/menu?day=1'],
  ])('reads a bare domain without a scheme as a link: %j', (text, url) => {
    expect(flagged(links, text)).toEqual([url]);
  });

  it.each([
    'Bring ID, e.g. a licence, to 100 N. Main St. by 5 p.m.',
    'The agenda is in report.pdf and minutes.docx; see p.5.',
    'Version 2.1.3 of the app and Node.js 20 fixed it; rates rose 3.14 percent.',
    'Email jane.doe@example.com or parks@verdevalleyfair.org for details.',
    'Meet at the park.Info desk opens at 9.',
    'The U.S. Census Bureau counts 24,000 residents.',
  ])('finds no link in %j', (text) => {
    expect(flagged(links, text)).toEqual([]);
  });

  it('passes approved domains and their subdomains, and flags look-alikes', () => {
    expect(flagged(links, 'Read more at https://www.cottonwoodaz.gov/news and cottonwoodaz.gov/report', CITY)).toEqual([]);
    expect(flagged(links, 'Watch live: youtube.com/cottonwoodaz and m.youtube.com/x', CITY)).toEqual([]);
    expect(flagged(links, 'Read https://cottonwoodaz.gov.evil.com/x', CITY)).toEqual(['https://cottonwoodaz.gov.evil.com/x']);
    expect(flagged(links, 'Watch https://notyoutube.com/x or youtube.com.evil.net', CITY)).toEqual(['https://notyoutube.com/x', 'youtube.com.evil.net']);
    const [hit] = screen(links, 'Read more at https://randomblog.example/city-scandal', CITY);
    expect(hit?.message).toMatch(/randomblog\.example.*nor on the approved domain list/);
    expect(hit?.message).not.toMatch(/No approved domains/);
  });

  it('says a shortened link hides its target, even with approved domains', () => {
    const [hit] = screen(links, 'Utility rates change July 1: bit.ly/cw-rates', CITY);
    expect(hit).toMatchObject({ ruleId: 'shortened-link', excerpt: 'bit.ly/cw-rates' });
    expect(hit?.message).toMatch(/hides where it leads/);
  });

  it.each([
    ['Fair info: h t t p s : / / tinyurl . com / cwfair2024 (spaced out so FB lets it through)', 'https://tinyurl.com/cwfair2024', 'tinyurl.com'],
    ['Tickets at evil[.]com/x before they sell out', 'evil.com/x', 'evil.com'],
    ['see hxxps://bad(dot)net/page', 'https://bad.net/page', 'bad.net'],
    ['Shop my stuff at mystore . shop / deals', 'mystore.shop/deals', 'mystore.shop'],
    ['www . example . com', 'www.example.com', 'www.example.com'],
    ['Inscríbase en sitio[punto]com/registro', 'sitio.com/registro', 'sitio.com'],
  ])('finds the disguised link in %j, and its real host', (text, url, host) => {
    expect(findUrls(text, ['com', 'shop', 'net', 'gov']).map((u) => [u.url, u.host])).toEqual([[url, host]]);
    expect(screen(links, text, CITY)).toHaveLength(1);
  });

  it.each([
    'Thanks, everyone . Info sessions on Monday.',
    'Open 9-5. com pool hours posted at the desk',
    'He said no . us either',
    'Pool closes at 5 p.m. Co-ed teams welcome',
    'Water (drinking, not pool) is free; art [photo] by staff',
  ])('reads no disguised link in %j', (text) => {
    expect(findUrls(text, ['com', 'us', 'co', 'info', 'gov'])).toEqual([]);
  });

  it('a disguised link to a government site passes like a plain one', () => {
    expect(screen(links, 'Apply at cottonwoodaz[.]gov/jobs', CITY)).toEqual([]);
  });

  it('reads each link once, whatever surrounds it', () => {
    const text = 'a (https://x.gov/a_(b)) b https://y.gov/c), c www.z.gov/d?e=f&g=h#i.';
    expect(findUrls(text, ['gov']).map((u) => [u.url, u.host])).toEqual([
      ['https://x.gov/a_(b)', 'x.gov'],
      ['https://y.gov/c', 'y.gov'],
      ['www.z.gov/d?e=f&g=h#i', 'www.z.gov'],
    ]);
  });
});

describe('links screener (6.1.11): statements that reflect negatively', () => {
  it.each([
    ['The Mayor is incompetent.', 'Mayor is incompetent', 'disparages-city'],
    ['Honestly our council is a joke', 'council is a joke', 'disparages-city'],
    ['Jane Smith is a liar', 'Jane Smith is a liar', 'disparages-person'],
    ['This city is a disgrace.', 'city is a disgrace', 'disparages-city'],
    ['Councilmember Ruiz is a total and complete fraud.', 'Councilmember Ruiz is a total and complete fraud', 'disparages-person'],
    ['Shame on the City Council!', 'Shame on the City Council', 'disparages-city'],
    ['The corrupt city council voted again.', 'corrupt city council', 'disparages-city'],
    ['Mayor Lopez lied to residents.', 'Mayor Lopez lied to residents', 'disparages-person'],
    ['The city manager should resign.', 'city manager should resign', 'disparages-city'],
    ['El alcalde es un corrupto.', 'alcalde es un corrupto', 'disparages-city'],
    ['La ciudad es una vergüenza.', 'ciudad es una vergüenza', 'disparages-city'],
  ])('flags %j', (text, excerpt, ruleId) => {
    const hits = screen(links, text);
    expect(hits.map((h) => h.excerpt)).toEqual([excerpt]);
    expect(hits[0]).toMatchObject({ ruleId, clause: '6.1.11', severity: 'warning' });
  });

  it.each([
    'Jane Smith, 72, was last seen Tuesday near Garrison Park.',
    'Jane Smith was a fraud victim; officers recovered her savings.',
    'A man has been charged with fraud after stealing from residents.',
    'Jane Smith is a joke writer at the Cottonwood Journal.',
    'The circus is coming to Cottonwood this weekend!',
    'The City is failing to meet demand for permits, so we are hiring.',
    'The City is broken into four council districts.',
    'Crews are repairing a broken City water main.',
    'Main Street is a mess during construction; use Oak Street.',
    'The Parking Lot is a joke-free zone.',
    'Mayor Lopez sat down with the council to discuss the budget.',
    'Our council is proud of its volunteers.',
    'Fraud is a crime: report it to police.',
    'The city dump is open Saturday 8 to noon.',
    'El alcalde es un gran líder.',
  ])('does not flag %j', (text) => {
    expect(flagged(links, text)).toEqual([]);
  });

  it('catches evasions and points at the original characters', () => {
    expect(flagged(links, 'The M@y0r is 1nc0mpetent')).toEqual(['M@y0r is 1nc0mpetent']);
    expect(flagged(links, 'This \u0441ity is a d\u0456sgrace')).toEqual(['\u0441ity is a d\u0456sgrace']); // Cyrillic с and і
    expect(flagged(links, 'our council is a j\u200Boke')).toEqual(['council is a j\u200Boke']);
    expect(flagged(links, 'the mayor is i n c o m p e t e n t')).toEqual(['mayor is i n c o m p e t e n t']);
  });

  it('keeps a statement within its sentence', () => {
    expect(flagged(links, 'We thank the Mayor. Is a joke contest fun? Yes.')).toEqual([]);
  });

  const nearMisses = 'Jane Smith Is A fraud victim (http://x.gov/a)).. the mayor is a joke writer www. a.b@c.com The Parking Lot is ';
  const matches = 'the mayor is a joke. Jane Smith lied. t.co/x bit.ly/y? example.com/(a)) ';

  it.each([
    ['near misses and matches', worstCase(nearMisses + matches)],
    ['dotted letters', worstCase('a.')],
    ['schemes', worstCase('http://')],
    ['closing brackets after a link', worstCase(')', 'http://x.com/', '')],
    ['www.', worstCase('www.')],
    ['dots after a scheme', worstCase('.', 'http://a', '')],
    ['spaced dots', worstCase('a . b / ')],
    ['bracketed dots', worstCase('x[.]')],
    ['disguised and plain links side by side', worstCase('x[.]com/a b.com ')],
  ])('%s: 1 MB takes time linear in its size', (_name, make) => {
    expectLinearTime((size) => bareDocument(make(size)), (doc) => links.check(doc, {}));
  }, 120_000);

  it('finds every match in a 1 MB post full of them, and only real links in link-like characters', () => {
    expect(links.check(bareDocument(repeatTo(nearMisses + matches, MEGABYTE)), {}).length).toBeGreaterThan(10000);
    const texts = ['a.'.repeat(MEGABYTE / 2), 'http://'.repeat(MEGABYTE / 7), `http://x.com/${')'.repeat(MEGABYTE)}`, 'www.'.repeat(MEGABYTE / 4), `http://a${'.'.repeat(MEGABYTE)}`];
    expect(texts.map((text) => findUrls(text, ['com', 'gov']).length)).toEqual([0, 0, 1, 1, 0]); // "http://http://…" has no host with a dot
  });
});
