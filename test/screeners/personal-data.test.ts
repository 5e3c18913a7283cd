import { personalData } from '../../src/screeners/personal-data';
import type { PostDocument, ScreenConfig } from '../../src/types';
import { bareDocument, flagged, growthRatio, LINEAR_GROWTH, screen } from '../helpers';

const city: ScreenConfig = {
  approvedDomains: ['cottonwoodca.gov'],
  allowlist: { phones: ['(555) 234-1000'], emails: ['mayor.office@gmail.com'], addresses: ['400 N Main Street'] },
};

/** [excerpt, severity, ruleId] of each finding. */
const findings = (text: string, config: ScreenConfig = city): Array<[string, string, string]> =>
  screen(personalData, text, config).map((h) => [h.excerpt, h.severity, h.ruleId]);

describe('personal-data screener (6.1.8)', () => {
  it.each([
    ['His social security number is 474-49-7577', '474-49-7577', 'us-ssn'],
    ['SSN: 536 22 1234 on file', '536 22 1234', 'us-ssn'],
    ['Card: 4111 1111 1111 1111 exp 12/26', '4111 1111 1111 1111', 'payment-card'],
    ['Amex 3782-822463-10005 was used', '3782-822463-10005', 'payment-card'],
    ['What is the limit for card 501864667909?', '501864667909', 'payment-card'],
    ['Wire it to GB82 WEST 1234 5698 7654 32 today', 'GB82 WEST 1234 5698 7654 32', 'iban'],
    ['my iban is gb42nawi04454264788619', 'gb42nawi04454264788619', 'iban'],
    ['Account number: 12345678901', '12345678901', 'bank-account'],
    ["My driver's license number is 5130634", '5130634', 'id-document-number'],
    ['Passport No. X12345678', 'X12345678', 'id-document-number'],
    ['Suspect DOB: 03/04/1985', 'DOB: 03/04/1985', 'date-of-birth'],
    ['date of birth is March 3, 1985.', 'date of birth is March 3, 1985', 'date-of-birth'],
    ['Su fecha de nacimiento: 12/05/1980', 'fecha de nacimiento: 12/05/1980', 'date-of-birth'],
  ])('flags %j as an error', (text, excerpt, ruleId) => {
    expect(findings(text)).toEqual([[excerpt, 'error', ruleId]]);
  });

  it.each([
    ['Contact Jane at 555-867-5309 after 5.', '555-867-5309', 'phone-number'],
    ['Phone: +1 (555) 234-5678', '+1 (555) 234-5678', 'phone-number'],
    ['Desk: (898)666-3621x0135', '(898)666-3621x0135', 'phone-number'],
    ["They're not answering at 079 2718 1155", '079 2718 1155', 'phone-number'],
    ['Call 555-0100 for the confidential tip line.', '555-0100', 'phone-number'],
    ['Llame al 555-234-5678 para más información.', '555-234-5678', 'phone-number'],
    ['Send it to jsmith1978@gmail.com please', 'jsmith1978@gmail.com', 'email-address'],
    ['John Smith lives at 1234 Elm Street, Apt 5B.', '1234 Elm Street, Apt 5B', 'street-address'],
    ['We live at 2024 Main Street.', '2024 Main Street', 'street-address'],
    ['Visita la Calle Principal 123 el sábado.', 'Calle Principal 123', 'street-address'],
    ['The unit is Apt 12 upstairs', 'Apt 12', 'apartment-number'],
    ['John Smith, case #2023-00123, was arrested Tuesday.', 'John Smith, case #2023-00123', 'person-case-number'],
    ['Happy 100th birthday to Alma Ruiz, born March 3, 1924!', 'born March 3, 1924', 'born-on-date'],
    ['Shaun Sleigh (10/07/1988), of Hilltop Court, was jailed.', 'Shaun Sleigh (10/07/1988)', 'person-birth-date'],
  ])('flags %j as a warning', (text, excerpt, ruleId) => {
    expect(findings(text)).toEqual([[excerpt, 'warning', ruleId]]);
  });

  it.each([
    // Numbers that are not issued, or fail their checksum.
    'Example SSNs 000-12-3456, 666-12-3456, 900-12-3456 and 123-45-6789 are never issued.',
    'Card 4111 1111 1111 1112 fails the checksum.',
    'GB82 WEST 1234 5698 7654 33 fails mod 97.',
    // Public numbers and the City's own contacts.
    'Call 911 in an emergency, 311 for city services, or 988 for the crisis line.',
    'Call 1-800-555-0199 for the state hotline or 0800 555 111 in the UK.',
    'Questions? Call (555) 234-1000 or email permits@cottonwoodca.gov.',
    'Write to the Mayor at mayor.office@gmail.com or info@cottonwoodfarmersmarket.org.',
    'State of the City address at the Civic Center, 400 N. Main St.',
    // Dates, times, money, counts and document numbers.
    'Road closure: the 1200 block of Elm Street will be closed March 3, 2024 from 8am-5pm.',
    'Ordinance 2023-14 was adopted 5-2. Case 2023-00123 remains under review.',
    'Tickets are $25.00; 15% off for seniors. Doors open at 7:30 p.m.',
    'Permit 2024-000123 approved. Parcel APN 123-456-789.',
    'Between 2019-2021 we planted 4,500 trees; population 1 234 567.',
    'Water rates rise 3.5% on July 1, 2024, from $48.20 to $49.89.',
    'The 2024 Main Street Festival returns!',
    'Cottonwood was incorporated on July 4, 1890.',
    'Please call 101 and give the call handler the reference 5221214075.',
    'Version 10.2.1.5 is installed on the kiosks.',
    'I will be travelling next week, so I need my passport to be ready by then.',
    'Luxury apartments with apt w/d hookups.',
    'El Ayuntamiento estará cerrado el 4 de julio. Para emergencias llame al 911.',
  ])('does not flag %j', (text) => {
    expect(flagged(personalData, text, city)).toEqual([]);
  });

  it('flags the City contacts when the config does not allowlist them', () => {
    expect(flagged(personalData, 'Questions? Call (555) 234-1000.')).toEqual(['(555) 234-1000']);
    expect(flagged(personalData, 'Email permits@cottonwoodca.gov')).toEqual([]); // a role mailbox
    expect(flagged(personalData, 'Email jdoe@cottonwoodca.gov')).toEqual(['jdoe@cottonwoodca.gov']);
  });

  it('compares allowlisted phones by digits only', () => {
    const config = { allowlist: { phones: ['555.234.1000'] } };
    expect(flagged(personalData, 'Call +1 555-234-1000 or (555) 234 1000', config)).toEqual([]);
  });

  it('sees numbers through look-alike digits, dashes and spaces, and points at the original characters', () => {
    expect(flagged(personalData, 'card ４１１１ １１１１ １１１１ １１１１')).toEqual(['４１１１ １１１１ １１１１ １１１１']);
    expect(flagged(personalData, 'SSN 536\u201022\u20101234')).toEqual(['536\u201022\u20101234']);
    expect(flagged(personalData, 'card 4111\u00A01111\u00A01111\u00A01111')).toEqual(['4111\u00A01111\u00A01111\u00A01111']);
    expect(flagged(personalData, 'SSN ٥٣٦-٢٢-١٢٣٤')).toEqual(['٥٣٦-٢٢-١٢٣٤']);
  });

  it('reports clause, message and suggestion', () => {
    const [hit] = screen(personalData, 'SSN 536-22-1234');
    expect(hit).toMatchObject({ clause: '6.1.8', severity: 'error', ruleId: 'us-ssn', offset: 4, length: 11 });
    expect(hit?.message).toMatch(/Social Security/);
    expect(hit?.suggestion).toMatch(/Remove/);
  });

  describe('identifiers (SSN, ITIN, passport, licence, bank, Medicare, IPv6, date of birth)', () => {
    it.each([
      ['078-05-1123', '078-05-1123', 'us-ssn'],
      ['078.05.1123', '078.05.1123', 'us-ssn'],
      ['078 05 1123', '078 05 1123', 'us-ssn'],
      ['My SSN is 078051121', '078051121', 'us-ssn'],
      ['SSN for John Smith: 078.05.1121', '078.05.1121', 'us-ssn'],
      ['Social security number of the applicant is 536 22 1234.', '536 22 1234', 'us-ssn'],
      ['Maria Lopez 536221234', '536221234', 'us-ssn'],
      ['Número de seguro social: 536-22-1234', '536-22-1234', 'us-ssn'],
      ['His ITIN is 912-70-1234', '912-70-1234', 'us-itin'],
      ['ITIN: 912701234', '912701234', 'us-itin'],
      ['912 78 1234 is on the form', '912 78 1234', 'us-itin'],
      ['Routing number 121000358 for the deposit', '121000358', 'aba-routing'],
      ['ABA: 3222-7162-7', '3222-7162-7', 'aba-routing'],
      ['Número de ruta 122105155', '122105155', 'aba-routing'],
      ['Account number for the vendor: 12345678901', '12345678901', 'bank-account'],
      ['US passport number is 912803456', '912803456', 'id-document-number'],
      ['Passport for Jane: A12345678', 'A12345678', 'id-document-number'],
      ['Arizona DL D08954796', 'D08954796', 'id-document-number'],
      ['AZ driver license D08954796', 'D08954796', 'id-document-number'],
      ["Driver's license number for the suspect is D08954796", 'D08954796', 'id-document-number'],
      ['License # B1234567', 'B1234567', 'id-document-number'],
      ['Licencia de conducir: D08954796', 'D08954796', 'id-document-number'],
      ['Medicare number: 1EG4-TE5-MK73', '1EG4-TE5-MK73', 'medicare-id'],
      ['Medicaid ID 0012345678', '0012345678', 'medicare-id'],
      ['AHCCCS ID A12345678', 'A12345678', 'medicare-id'],
      ['DOB: 1985/03/04', 'DOB: 1985/03/04', 'date-of-birth'],
      ['DOB 04-Mar-1985', 'DOB 04-Mar-1985', 'date-of-birth'],
      ['D.O.B. Mar 4 1985', 'D.O.B. Mar 4 1985', 'date-of-birth'],
      ['Date of birth of the suspect: 4 March 1985', 'Date of birth of the suspect: 4 March 1985', 'date-of-birth'],
      ['DOB: 19850304', 'DOB: 19850304', 'date-of-birth'],
      ['Fecha de nacimiento: 4 de marzo de 1985', 'Fecha de nacimiento: 4 de marzo de 1985', 'date-of-birth'],
    ])('flags %j as an error', (text, excerpt, ruleId) => {
      expect(findings(text)).toEqual([[excerpt, 'error', ruleId]]);
      const [hit] = screen(personalData, text, city);
      expect(hit!.secret).toBeDefined();
    });

    it.each([
      ['1EG4-TE5-MK73 on the card', '1EG4-TE5-MK73', 'medicare-id'],
      ['Connect to FE80:0000:0000:0000:0202:B3FF:FE1E:8329 now', 'FE80:0000:0000:0000:0202:B3FF:FE1E:8329', 'ip-address'],
      ['Server 2001:db8::1 is down', '2001:db8::1', 'ip-address'],
      ['::ffff:192.0.2.1 is mapped', '::ffff:192.0.2.1', 'ip-address'],
      ['Her birthday is March 4, 1985', 'birthday is March 4, 1985', 'born-on-date'],
    ])('flags %j as a warning', (text, excerpt, ruleId) => {
      expect(findings(text)).toEqual([[excerpt, 'warning', ruleId]]);
    });

    it.each([
      '078051121', // nine digits alone: no SSN word, no name
      '693-09.4444', // mixed separators
      '078 00 1123', // group 00 is never issued
      '666-12-3456',
      '900-12-3456 is not an SSN (area 9) nor an ITIN (group 12)',
      'Routing number 421042111', // fails the ABA checksum
      'Order #121000358 ships Monday',
      'Permit 202400123 approved',
      'Case 2023-00123 remains under review',
      'Jane Doe, case 202400123, was cited.'.replace('was cited', 'is closed'), // a case number of record, not an SSN
      'Business license # 2024-000123 renewed',
      'The meeting is 10:30:00 sharp',
      'MAC 00:1A:2B:3C:4D:5E',
      'Call John Smith at 928 634 5526',
      'Loopback ::1 only',
    ])('does not flag %j as an identifier', (text) => {
      const ids = ['us-ssn', 'us-itin', 'aba-routing', 'id-document-number', 'medicare-id', 'ip-address', 'date-of-birth'];
      expect(screen(personalData, text, city).filter((h) => ids.includes(h.ruleId)).map((h) => h.excerpt)).toEqual([]);
    });

    it.each([
      'SSN of the 123 45 John Smith 123 45 6 912-70- 1 2 3 078.05.112 ',
      'routing 1234 Arizona DL D0 license # B1 Medicare 1EG4-TE5-MK7 1EG4TE5MK7 ',
      'a:a:a:a:a:a:a:a:a: ::ffff:1.2.3 ',
      'DOB of the 1/1/ birthday is March John Smith John Smith ',
    ])('grows linearly on 1 MB of %j (¼, ½, full: growth, not absolute time)', (unit) => {
      expect(growthRatio(personalData, unit, city)).toBeLessThan(LINEAR_GROWTH);
    }, 60_000);
  });

  describe('speed', () => {
    const bigDocument = (unit: string): PostDocument => bareDocument(unit.repeat(Math.ceil(2 ** 20 / unit.length)).slice(0, 2 ** 20));

    it.each(['1 ', '1-', '(555) 1', '555-1234 ', 'a@b.', '1234 Elm Street ', 'John Smith, case #2023-', 'GB82 WEST ', 'DOB: 1/1/'])(
      'screens 1 MB of %j in well under a second',
      (unit) => {
        const doc = bigDocument(unit);
        const started = performance.now();
        personalData.check(doc, city);
        expect(performance.now() - started).toBeLessThan(1000);
      },
      30_000,
    );
  });
});
