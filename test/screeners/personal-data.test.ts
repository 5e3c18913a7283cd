import { personalData } from '../../src/screeners/personal-data';
import type { ScreenConfig } from '../../src/types';
import { bareDocument, cpuMilliseconds, expectLinearTime, flagged, growthRatio, LINEAR_GROWTH, screen, worstCase } from '../helpers';

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
    ['His phone: +1 (555) 234-5678', '+1 (555) 234-5678', 'phone-number'],
    ['Cell: (898)666-3621x0135', '(898)666-3621x0135', 'phone-number'],
    ["She's not answering her cell at 079 2718 1155", '079 2718 1155', 'phone-number'],
    ['Su celular es 555-234-5678.', '555-234-5678', 'phone-number'],
    ['Send it to jsmith1978@gmail.com please', 'jsmith1978@gmail.com', 'email-address'],
    ['John Smith lives at 1234 Elm Street, Apt 5B.', '1234 Elm Street, Apt 5B', 'street-address'],
    ['We live at 2024 Main Street.', '2024 Main Street', 'street-address'],
    ['La víctima vive en Calle Principal 123.', 'Calle Principal 123', 'street-address'],
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
    // Contact details nobody in the post owns, or an office or place owns.
    'Phone: +1 (555) 234-5678',
    'Desk: (898)666-3621x0135',
    'Call 555-0100 for the confidential tip line.',
    'Llame al 555-234-5678 para más información.',
    'Visita la Calle Principal 123 el sábado.',
  ])('does not flag %j', (text) => {
    expect(flagged(personalData, text, city)).toEqual([]);
  });

  it("passes the City's contacts without the allowlist, and the allowlist still passes a listed number next to a name", () => {
    expect(flagged(personalData, 'Questions? Call (555) 234-1000.')).toEqual([]);
    expect(flagged(personalData, 'Email permits@cottonwoodca.gov')).toEqual([]); // a role mailbox
    expect(flagged(personalData, 'Email jdoe@cottonwoodca.gov')).toEqual([]); // a government mailbox, a staff member's work address
    expect(flagged(personalData, 'Call Jane Smith at (555) 234-1000.')).toEqual(['(555) 234-1000']);
    expect(flagged(personalData, 'Call Jane Smith at (555) 234-1000.', city)).toEqual([]);
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

  describe('contact details are personal data only when tied to a private individual', () => {
    const contacts = (text: string): string[] => flagged(personalData, text);

    it.each([
      // A named resident, a courtesy title, a possessive, "lives at".
      ['The homeowner, Ms. R., can be reached at (928) 555-0142.', '(928) 555-0142'],
      ['Call Diaz at his cell, (928) 555-0199.', '(928) 555-0199'],
      ['Mayor Diaz at his cell: (928) 555-0199.', '(928) 555-0199'],
      ["Alicia's phone: (928) 555-0100", '(928) 555-0100'],
      ['Jane Smith can be reached at (928) 555-0101.', '(928) 555-0101'],
      ['Jane Smith, (928) 555-0101 (home)', '(928) 555-0101'],
      ['Name: Leigha Mackay\nPhone: 032 288 79 44', '032 288 79 44'],
      ['Lost dog? The owner, Jane Smith, asks you to text her at 928-555-0101.', '928-555-0101'],
      ['Mobile: 0688 843 79 56', '0688 843 79 56'],
      ['The Smith family, who live at 42 Oak Lane, thanked firefighters.', '42 Oak Lane'],
      ['The suspect, John Doe, 42, of 123 Oak Lane, was arrested.', '123 Oak Lane'],
      ['The homeowner at 1420 E. Mingus Ave. requested a variance.', '1420 E. Mingus Ave.'],
      // A customer's account, a juvenile, a patient, someone calling.
      ["Customer John Smith's account at 789 Elm Rd is past due.", '789 Elm Rd'],
      ["A juvenile was cited; the juvenile's address is 456 Pine St.", '456 Pine St.'],
      ["The patient's phone number is (928) 555-0166.", '(928) 555-0166'],
      ['Dispatch PSA: the lady calling from 928-555-0119 is back.', '928-555-0119'],
      // Mailboxes of a person: free mail, a name for a mailbox.
      ['Email Ana at ana.ruiz77@yahoo.com', 'ana.ruiz77@yahoo.com'],
      ['Please send my portfolio to LeticiaAzevedoMartins@fleckens.hu', 'LeticiaAzevedoMartins@fleckens.hu'],
      ['Questions? jane.smith@acmeplumbing.com', 'jane.smith@acmeplumbing.com'],
      ['Juan Pérez, celular: 928-555-0101', '928-555-0101'],
    ])('flags %j', (text, excerpt) => {
      expect(contacts(text)).toEqual([excerpt]);
    });

    it.each([
      // An office number next to a person's name.
      "Call Mayor Diaz's office at (928) 634-0100 with questions.",
      'Questions? Contact Maria Lopez at the Parks and Recreation office, (928) 634-0000.',
      'Recreation Coordinator Jane Smith, (928) 634-0101.',
      'Sgt. Maria Diaz at (928) 634-4246.',
      'Reach Councilmember Ana Ruiz at (928) 634-0123 or aruiz@cottonwoodaz.gov.',
      'Media contact: Jane Smith, PIO, mobile (928) 634-0102.',
      'Officer Jane Smith at the Police Department, (928) 634-4246.',
      // Offices, agencies, businesses and public places.
      'Call the Utilities counter at (928) 634-5526.',
      'Report strays to Animal Control at (928) 634-4246.',
      'Questions about trash? Call our contracted hauler, Verde Valley Disposal, at (928) 634-4550.',
      'Please call Flying Squad East on 020 8345 4221 or Crimestoppers.',
      'The splash pad at Riverside Park, 300 N Main St, opens Saturday.',
      'Drop off yard waste at the transfer station, 1000 Industrial Way.',
      'Kids eat free at Tony’s Pizza, 123 Main St.',
      'PUBLIC HEARING: The Planning & Zoning Commission will consider rezoning the property at 1420 E. Mingus Ave. on Tuesday.',
      'Email the Little League at cwlittleleague@gmail.com for sign-ups.',
      'Write to public.works@fleckens.hu',
      'Llame a la oficina al (928) 634-5526.',
      // Names that are not bound to the number.
      'Summer Day Camp registration: call (928) 634-0101.',
      'Residents of Verde Heights can call (928) 634-5526.',
      'WANTED: Travis Allen Meeks, 42, has a warrant. Call the non-emergency line at (928) 634-4246.',
      // "your" and "their" address every reader, not one person.
      'Update your address with the Utilities office, or call (928) 634-5526 to protect their home.',
    ])('passes %j', (text) => {
      expect(contacts(text)).toEqual([]);
    });

    it('sees the private cue through leetspeak, split letters and full-width digits', () => {
      expect(contacts('Call Diaz at his c3ll, (928) 555-0199.')).toEqual(['(928) 555-0199']);
      expect(contacts('Call Diaz at h i s cell, (928) 555-0199.')).toEqual(['(928) 555-0199']);
      expect(contacts('Call Diaz at his cell, （９２８） ５５５-０１９９.')).toEqual(['（９２８） ５５５-０１９９']);
    });

    it('keeps identifiers errors wherever they are, an office next to them or not', () => {
      expect(findings('Utilities office: account number 12345678901, SSN 536-22-1234.')).toEqual([
        ['12345678901', 'error', 'bank-account'],
        ['536-22-1234', 'error', 'us-ssn'],
      ]);
    });

    it('costs time in proportion to the post, however many contacts and cues it holds', () => {
      const unit = 'Call Jane Smith at 555-123-4567, the office at 555-123-4568, his cell 555-123-4569. ';
      const cpu = (size: number): number => {
        const doc = bareDocument(unit.repeat(Math.ceil(size / unit.length)));
        return Math.min(...[0, 1].map(() => cpuMilliseconds(() => personalData.check(doc, {}))));
      };
      cpu(4096); // warm up
      const [quarter, , full] = [2 ** 18, 2 ** 19, 2 ** 20].map(cpu);
      // Linear: about 4 times the quarter; a quadratic pass would be 16 times.
      expect(full!).toBeLessThan(10 * Math.max(quarter!, 5));
    }, 60_000);
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
      // Whose contact it is: the owner's sentence was found with a regex that retried a run of letters from each one.
      ['an address, then a run of letters', worstCase('a', '1 Main St Apt')],
      ['a phone, then words', worstCase('Jane Smith lives here ', 'Call 928-555-0142. ')],
    ])('%j: 1 MB takes time linear in its size', (_name, make) => {
      expectLinearTime((size) => bareDocument(make(size)), (doc) => personalData.check(doc, city));
    }, 120_000);
  });
});
