import { publicSafety } from '../../src/screeners/public-safety';
import { bareDocument, expectLinearTime, flagged, growthRatio, LINEAR_GROWTH, screen, worstCase } from '../helpers';

describe('public-safety screener (6.1.13)', () => {
  it.each([
    ['Officers are staged behind the library.', 'Officers are staged', 'tactical-position'],
    ['Undercover officers are posted at the Shell station on 5th.', 'Undercover officers are posted', 'tactical-position'],
    ['Snipers on the roof of the courthouse.', 'Snipers on the roof', 'tactical-position'],
    ['Plain-clothes officers will be stationed outside the bank.', 'Plain-clothes officers will be stationed', 'tactical-position'],
    ['SWAT will enter at 5am.', 'SWAT will enter', 'planned-operation'],
    ['The raid is planned for Thursday morning.', 'raid is planned', 'planned-operation'],
    ['We will serve the search warrant at 6am tomorrow.', 'will serve the search warrant', 'planned-operation'],
    ['The gate code is 4512.', 'gate code is 4512', 'access-code'],
    ['Alarm code: 1234', 'Alarm code: 1234', 'access-code'],
    ['The code for the back door is 7788#.', 'code for the back door is 7788#', 'access-code'],
    ['Lockbox 4321 on the side of the building.', 'Lockbox 4321', 'access-code'],
    ['Patrols pass every 2 hours.', 'Patrols pass every 2 hours', 'patrol-schedule'],
    ['The guard comes by at 2 and again at 4.', 'guard comes by at', 'patrol-schedule'],
    ["There's no guard after midnight.", 'no guard after', 'security-gap'],
    ["The camera by the east door doesn't work.", "camera by the east door doesn't work", 'security-gap'],
    ['Security cameras in the parking garage are not working.', 'cameras in the parking garage are not working', 'security-gap'],
    ['The water plant fence is broken.', 'water plant fence is broken', 'infrastructure-vulnerability'],
    ['The SCADA password is on the whiteboard.', 'SCADA password', 'infrastructure-vulnerability'],
    ['The substation is unguarded.', 'substation is unguarded', 'infrastructure-vulnerability'],
    ['The domestic violence shelter at 123 Oak St needs volunteers.', 'domestic violence shelter at 123 Oak St', 'protected-location'],
    ["The women's shelter on Maple Street is at capacity.", "women's shelter on Maple Street", 'protected-location'],
    ['The witness is staying at the Motel 6 on Route 9.', 'witness is staying at the Motel', 'protected-location'],
    ['The judge lives at 45 Elm Avenue.', 'judge lives at 45 Elm Avenue', 'protected-location'],
    ['The bomb threat named the high school.', 'bomb threat named', 'threat-details'],
  ])('flags %j', (text, excerpt, ruleId) => {
    const hits = screen(publicSafety, text);
    expect(hits.map((h) => h.excerpt)).toContain(excerpt);
    expect(hits.find((h) => h.excerpt === excerpt)?.ruleId).toBe(ruleId);
  });

  it.each([
    ['El código de la puerta es 4512.', 'código de la puerta es 4512'],
    ['La víctima se queda en el hotel de la calle Oak.', 'víctima se queda en el hotel'],
    ['La planta de agua está sin vigilancia por la noche.', 'planta de agua está sin vigilancia'],
  ])('flags Spanish %j', (text, excerpt) => {
    expect(flagged(publicSafety, text)).toContain(excerpt);
  });

  it.each([
    'Road closure: Main St between 3rd and 5th is closed until 6 pm. Use Oak Ave as a detour.',
    'Cooling center open at the library today from 10 am to 8 pm.',
    'Boil-water notice for zones 3 and 4 remains in effect.',
    'In an emergency, call 911.',
    'Evacuation orders are in effect for zones 3 and 4.',
    'Police are investigating a shooting on Main St; avoid the area.',
    'Officers will be at the farmers market on Saturday to meet residents.',
    'Join us for National Night Out on August 6 at Central Park!',
    'The shelter for pets is open at the fairgrounds.',
    'The Red Cross shelter at the high school is open.',
    'We increased patrols downtown this weekend.',
    'Extra patrols will be in the area from 8 pm to 2 am tonight.',
    'Police are appealing for witnesses to a collision on Elm Street at 4:30 pm Tuesday.',
    'Missing: John Smith, 72, last seen on Oak Street. Call 555-0100.',
    'SWAT is on scene at 4th and Main; please avoid the area.',
    'SWAT training exercise at the old school on Saturday; residents may hear loud noises.',
    'Officers will be stationed along the parade route to help families.',
    'Officers will serve coffee at Coffee with a Cop on Friday.',
    'Undercover officers arrested five people at the mall yesterday.',
    'Officers in Birmingham have today executed 10 warrants across Kings Heath.',
    'Warrant Amnesty Day is scheduled for Saturday at City Hall.',
    'Join the Zoom meeting: Meeting ID 812 3456 7890, passcode 123456.',
    'Dial in to the council meeting: 1-669-900-6833, access code 987654.',
    'Code enforcement officers will be in the neighborhood; report issues at 311.',
    'Use promo code POOL2024 for $5 off season passes at the door.',
    "Don't leave your car unlocked overnight.",
    'This page is not monitored 24/7. For emergencies call 911.',
    'The traffic camera at 5th and Main is down.',
    "Is your smoke alarm not working? We'll install one for free.",
    'The gate at the dog park is broken; repairs are scheduled for Monday.',
    'Water treatment plant tours are offered on Saturdays at 10 am.',
    'The water plant is offline for maintenance; expect low pressure.',
    'City Hall is providing help to vulnerable residents this week.',
    'If you are experiencing domestic violence, call our 24-hour hotline for safe shelter.',
    'Victims of the fire are staying at the Comfort Inn thanks to the Red Cross.',
    'The victim lives in fear, and we need your help to find the suspect.',
    'We are aware of a threat made against Lincoln High School; there is no credible threat.',
    'The man who made threats against the school, named as John Doe, was arrested.',
    'Si usted es víctima de violencia doméstica, llame a nuestra línea de ayuda las 24 horas.',
    'Los agentes estarán en el mercado de agricultores el sábado para conocer a los residentes.',
  ])('does not flag %j', (text) => {
    expect(flagged(publicSafety, text)).toEqual([]);
  });

  it('catches evasions and points at the original characters', () => {
    expect(flagged(publicSafety, 'The g4te c0de is 4512.')).toEqual(['g4te c0de is 4512']);
    expect(flagged(publicSafety, 'The gate co\u200Bde is 4512.')).toEqual(['gate co\u200Bde is 4512']);
    expect(flagged(publicSafety, 'ΑLΑRΜ CODE: 1234')).toEqual(['ΑLΑRΜ CODE: 1234']);
    expect(flagged(publicSafety, '5W4T will enter at dawn')).toEqual(['5W4T will enter']);
  });

  it('reports clause, severity, message, suggestion and the exact span', () => {
    const text = 'FYI: the gate code is 4512.';
    const [hit] = screen(publicSafety, text);
    expect(hit).toMatchObject({ clause: '6.1.13', severity: 'error', ruleId: 'access-code', offset: 9, length: 17 });
    expect(hit?.message).toMatch(/code/i);
    expect(hit?.suggestion).toMatch(/changed/i);
  });

  it('reports threat details as a warning, for a person to judge', () => {
    expect(screen(publicSafety, 'The bomb threat named the high school.')[0]?.severity).toBe('warning');
  });

  it('checks each sentence on its own', () => {
    expect(flagged(publicSafety, 'The gate is at the north end. Our code of conduct is online, page 12.')).toEqual([]);
    expect(flagged(publicSafety, 'Officers are staged behind the library. The gate code is 4512.')).toEqual([
      'Officers are staged',
      'gate code is 4512',
    ]);
  });

  it.each([
    ['digits then dashes', (size: number) => '1'.repeat(size / 2) + worstCase('A-', '', '')(size / 2)],
    ['cue words', worstCase('officers gate door code zip 1234 staged raid planned every 2 no guard Oak ')],
    ['codes', worstCase('The gate code is 4512. ')],
    ['numbers', worstCase('1 ')],
    ['capitalized words before spaces', worstCase(' ', '12 Oak')],
    ['"every" before spaces', worstCase(' ', 'every')],
  ])('%s: 1 MB takes time linear in its size', (_name, make) => {
    expectLinearTime((size) => bareDocument(make(size)), (doc) => publicSafety.check(doc, {}));
  }, 120_000);
  describe('access codes, hints and bypasses', () => {
    it.each([
      ["Crews: the combo on the key lockbox by Station 82's side door is 4471. Grab the keys.", "combo on the key lockbox by Station 82's side door is 4471", 'access-code', '4471'],
      ['City yard g@te c0de is 1-9-8-4-# for the w33kend crew', 'g@te c0de is 1-9-8-4-#', 'access-code', '1-9-8-4-#'],
      ['Staff: the opener needs the code 4512 this week.', 'opener needs the code 4512', 'access-code', '4512'],
      ['The garage door opener code is 7788.', 'opener code is 7788', 'access-code', '7788'],
      ['Knox box at Station 81: 3390', 'Knox box at Station 81: 3390', 'access-code', '3390'],
      ['Key safe by the back door: 2 4 6 8', 'Key safe by the back door: 2 4 6 8', 'access-code', '2 4 6 8'],
      ['The keypad code is the station number twice.', 'keypad code is the station number', 'access-code-hint', 'station number'],
      ["What's the new gate code? It's the Chief's birthday, month then day.", "gate code? It's the Chief's birthday", 'access-code-hint', 'birthday'],
      ['The alarm code is our street number backwards.', 'alarm code is our street number', 'access-code-hint', 'street number'],
      ['The back door of the Rec Center is propped open all week, so just walk in.', 'back door of the Rec Center is propped', 'access-bypass', undefined],
      ["The badge reader on the north entrance is broken, just pull hard on the door.", 'badge reader on the north entrance is broken, just pull hard', 'access-bypass', undefined],
      ['The spare key is under the mat by the side door.', 'under the mat by the side door', 'access-bypass', undefined],
      ["The east-side doors still don't latch all the way.", "side doors still don't latch", 'access-bypass', undefined],
      // Spanish
      ['El código del portón es el número de la estación dos veces.', 'código del portón es el número de la estación', 'access-code-hint', 'número de la estación'],
      ['La combinación del candado de la bodega es 3 1 4 1.', 'combinación del candado de la bodega es 3 1 4 1', 'access-code', '3 1 4 1'],
      ['La puerta de atrás no cierra, entren por atrás.', 'puerta de atrás no cierra', 'access-bypass', undefined],
    ])('flags %j', (text, excerpt, ruleId, secret) => {
      const hits = screen(publicSafety, text);
      const hit = hits.find((h) => h.ruleId === ruleId);
      expect(hit?.excerpt).toBe(excerpt);
      if (secret !== undefined) expect(text.slice(hit!.secret!.offset, hit!.secret!.offset + hit!.secret!.length)).toBe(secret);
    });

    it.each([
      "Please don't prop the doors open; they lock automatically.",
      'Doors will be unlocked at 9 am for early voting.',
      'Change your alarm code twice a year and never use your birthday.',
      'Happy birthday to Chief Hale! Door prizes at the station open house.',
      'The building code requires doors that latch.',
      'Use promo code POOL2024 at the gate for $5 off.',
      'Call 928-634-5526 about the gate at the dog park.',
      'Our zip code is 86326; the gate opens at 8.',
      'The back door was propped open last week; it has been fixed.',
      'Pick a garage door opener code nobody can guess, not your street number.',
      'Report doors that do not latch to Facilities at 928-634-5526.',
      'Nunca use su cumpleaños como código de la alarma.',
    ])('does not flag %j', (text) => {
      expect(flagged(publicSafety, text)).toEqual([]);
    });
  });

  describe('linear time (¼, ½ and full 1 MB: growth from ¼ to full, not absolute time)', () => {
    it.each([
      '1'.repeat(1000) + 'A-'.repeat(500),
      'officers gate door code zip 1234 staged raid planned every 2 no guard Oak ',
      'The gate code is 4512. ',
      // the access-code builtins: digits with separators, codes stated after "is"
      '1 2 3 4 5 6 7 8 9 gate code is 1 2 ',
      // hints (also across sentences) and bypasses
      'gate code twice. gate code? birthday? door propped door ',
    ])('grows linearly on 1 MB of %j', (unit) => {
      expect(growthRatio(publicSafety, unit)).toBeLessThan(LINEAR_GROWTH);
    }, 60_000);
  });
});
