import { personalData } from '../../src/screeners/personal-data';
import type { ScreenConfig } from '../../src/types';
import { bareDocument, expectLinearTime, flagged, screen, worstCase } from '../helpers';

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

  describe('speed', () => {
    it.each<[string, (size: number) => string]>([
      ...['1 ', '1-', '(555) 1', '555-1234 ', 'a@b.', '1234 Elm Street ', 'John Smith, case #2023-', 'GB82 WEST ', 'DOB: 1/1/'].map((unit): [string, (size: number) => string] => [unit, worstCase(unit)]),
      // Optional parts between runs of spaces ("SSN  #  :  123…") once let a run of spaces split every way.
      ['"SSN" before spaces', worstCase(' ', 'SSN')],
      ['"DOB" before tabs', worstCase('\t', 'DOB')],
      ['"account" before spaces', worstCase(' ', 'account')],
      ['"passport" before spaces', worstCase(' ', 'passport')],
      ['"Apt" before spaces', worstCase(' ', '12 Main St Apt')],
      ['"case" before spaces', worstCase(' ', 'Jane Smith case')],
    ])('%j: 1 MB takes time linear in its size', (_name, make) => {
      expectLinearTime((size) => bareDocument(make(size)), (doc) => personalData.check(doc, city));
    }, 120_000);
  });
});
