import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { violence } from '../../src/screeners/violence';
import { bareDocument, expectLinearTime, flagged, screen, worstCase } from '../helpers';

/** [text, excerpt the hit must point at, rule id]: each must be blocked (error). */
type Case = [string, string, string];

function expectBlocked([text, excerpt, ruleId]: Case): void {
  const hits = screen(violence, text).filter((h) => h.severity === 'error');
  expect(hits.map((h) => [h.excerpt, h.ruleId])).toContainEqual([excerpt, ruleId]);
}

describe('violence screener (5.3.b threats, 6.1.12 incitement)', () => {
  describe('threats: the writer says they will do it', () => {
    it.each<Case>([
      ['I will hurt you', 'I will hurt you', 'violent-threat'],
      ["I'm going to kill him", "I'm going to kill him", 'violent-threat'],
      ["I'm gonna fucking kill you", "I'm gonna fucking kill you", 'violent-threat'],
      ['i will kill u first', 'i will kill u', 'violent-threat'],
      ['Ima kill u when I see you', 'Ima kill u', 'violent-threat'],
      ["If he comes back I'll kill him.", "I'll kill him", 'violent-threat'],
      ['I WILL PUNCH YOUR FUCKING FACE', 'I WILL PUNCH YOUR FUCKING FACE', 'violent-threat'],
      ["I'm going to stab you", "I'm going to stab you", 'violent-threat'],
      ["I'm going to find you and kill you", "I'm going to find you and kill you", 'violent-threat'],
      ['I will kill Bob Smith', 'I will kill Bob Smith', 'violent-threat'],
      ["we're going to burn it all down", "we're going to burn it all down", 'violent-threat'],
      ['i will shoot up the school', 'i will shoot up the school', 'violent-threat'],
      ["I'll blow up city hall", "I'll blow up city hall", 'violent-threat'],
      ["I'm going to run you over", "I'm going to run you over", 'violent-threat'],
      ['we will gun them down', 'we will gun them down', 'violent-threat'],
      ["I'd like to shoot him.", "I'd like to shoot him", 'violent-threat'],
      ['I hope he gets shot', 'hope he gets shot', 'violent-threat'],
      ['hope you die', 'hope you die', 'violent-threat'],
      ['I hope you choke to death', 'hope you choke to death', 'violent-threat'],
      ['shut up ill beat the shit outta you', 'ill beat the shit outta you', 'violent-threat'],
      ['If he goes free Ill burn down the courthouse', 'Ill burn down the courthouse', 'violent-threat'],
      ["you'd better watch your back", "you'd better watch your back", 'threat-watch-your-back'],
      ['I know where you live.', 'I know where you live', 'threat-you-are-dead'],
      ["I'll kick your ass", 'kick your ass', 'threat-kick-your-ass'],
      ['he deserves a bullet', 'deserves a bullet', 'death-wish'],
      ['Put a bullet in his head', 'Put a bullet in his head', 'death-wish'],
    ])('flags %j', (text, excerpt, ruleId) => expectBlocked([text, excerpt, ruleId]));
  });

  describe('incitement: calls on others to do violence', () => {
    it.each<Case>([
      ['someone should shoot him', 'someone should shoot him', 'violence-incitement'],
      ["let's burn City Hall down", "let's burn City Hall down", 'violence-incitement'],
      ['Let’s burn this city to the ground', 'Let’s burn this city to the ground', 'violence-incitement'],
      ['riot tonight', 'riot tonight', 'violence-incitement'],
      ['Time to riot!', 'Time to riot', 'violence-incitement'],
      ['storm the building', 'storm the building', 'violence-incitement'],
      ['Everyone storm City Hall at noon', 'Everyone storm City Hall', 'violence-incitement'],
      ['beat them up', 'beat them up', 'violence-incitement'],
      ['Kill the mayor', 'Kill the mayor', 'violence-incitement'],
      ['We need to burn down the police station', 'We need to burn down the police station', 'violence-incitement'],
      ['Somebody please choke that fucking retard', 'Somebody please choke that fucking retard', 'violence-incitement'],
      ['Somebody needs to teach him a lesson and beat him up', 'Somebody needs to teach him a lesson and beat him up', 'violence-incitement'],
      ['Go find him and beat him up', 'Go find him and beat him up', 'violence-incitement'],
      ['The mayor should be shot.', 'The mayor should be shot', 'violence-incitement'],
      ['They should all be hanged.', 'They should all be hanged', 'violence-incitement'],
      ['Treason! He should hang.', 'He should hang', 'violence-incitement'],
      ['The councilman deserves to die', 'The councilman deserves to die', 'violence-incitement'],
      ['Hang them all!', 'Hang them all', 'violence-incitement'],
      ["Let's go smash their windows", "Let's go smash their windows", 'violence-incitement'],
      ['We should torch the police cars', 'We should torch the police cars', 'violence-incitement'],
      ["Let's set the courthouse on fire", "Let's set the courthouse on fire", 'violence-incitement'],
      ['You should kill yourself', 'kill yourself', 'self-harm-incitement'],
    ])('flags %j', (text, excerpt, ruleId) => expectBlocked([text, excerpt, ruleId]));
  });

  describe('calls to break the law', () => {
    it.each<Case>([
      ['go loot the store', 'go loot the store', 'illegal-activity'],
      ["don't pay your fines", "don't pay your fines", 'illegal-activity'],
      ['block the highway', 'block the highway', 'illegal-activity'],
      ["Let's block the freeway during rush hour", "Let's block the freeway", 'illegal-activity'],
      ['Ignore the evacuation order and stay home.', 'Ignore the evacuation order', 'illegal-activity'],
      ['Break curfew tonight, everyone!', 'Break curfew', 'illegal-activity'],
      ['slash their tires', 'slash their tires', 'illegal-activity'],
      ['vandalize the park restroom', 'vandalize the park', 'illegal-activity'],
      ['Drive around the barricades, nobody checks.', 'Drive around the barricades', 'illegal-activity'],
    ])('flags %j', (text, excerpt, ruleId) => expectBlocked([text, excerpt, ruleId]));
  });

  describe('Spanish', () => {
    it.each<Case>([
      ['te voy a matar', 'te voy a matar', 'violent-threat'],
      ['Voy a matarte', 'Voy a matarte', 'violent-threat'],
      ['Te vamos a partir la cara', 'Te vamos a partir la cara', 'violent-threat'],
      ['Sé dónde vives', 'Sé dónde vives', 'threat-es'],
      ['hay que quemar el ayuntamiento', 'hay que quemar el ayuntamiento', 'violence-incitement'],
      ['¡Quemen la alcaldía!', 'Quemen la alcaldía', 'violence-incitement'],
      ['Hay que linchar al alcalde', 'Hay que linchar al alcalde', 'violence-incitement'],
      ['Maten al alcalde', 'Maten al alcalde', 'violence-incitement'],
      ['Alguien debería matarlo', 'Alguien debería matarlo', 'violence-incitement'],
      ['El alcalde merece morir', 'El alcalde merece morir', 'violence-incitement'],
      ['Vamos a saquear las tiendas', 'Vamos a saquear las tiendas', 'illegal-activity'],
      ['No paguen sus multas', 'No paguen sus multas', 'illegal-activity'],
      ['Bloqueen la autopista', 'Bloqueen la autopista', 'illegal-activity'],
    ])('flags %j', (text, excerpt, ruleId) => expectBlocked([text, excerpt, ruleId]));
  });

  describe('near misses it must not flag', () => {
    it.each([
      // From the issue.
      'Please kill the lights when you leave the gym.',
      'We will shoot a training video at the fire station on Tuesday.',
      'Photo shoot at Riverside Park this Saturday!',
      'The fire department responded to a kitchen fire.',
      'Fire drill at City Hall at 10 AM.',
      'Burn ban in effect until further notice.',
      'A controlled burn will take place at Eagle Preserve.',
      'Fireworks show starts at 9 PM.',
      'Traffic stop leads to arrest on 5th Avenue.',
      'Our crews are killing it this season!',
      'Meet the assassin bug at the nature center.',
      'Beat the heat at our cooling centers.',
      "Let's knock out this project together.",
      'The shooting range opens Monday.',
      'A man was shot on Main St; police are investigating.',
      'Test the kill switch on your mower.',
      'Dead end road ahead.',
      'The bomb squad cleared the scene.',
      'Drop-off point is at the library.',
      'Take a shot at winning a free pass!',
      "Let's attack the problem of litter together.",
      'Welcome to Kill Devil Hills!',
      'Kill Devil Hills beach access is closed.',
      // Police reporting crimes.
      'Detectives investigating the murder of a woman in Poplar have arrested a man.',
      'Appeal after two men stabbed, York Road, Leeds.',
      'Shop staff were threatened with a sword during a robbery.',
      'One punch can kill.',
      'Stop the Bleed training: learn how to help someone who has been stabbed or shot.',
      'The suspect threatened to kill the victim before fleeing.',
      'We will hunt down those responsible and bring them to justice.',
      'West Yorkshire Police need your help identifying this person in relation to the crime of : Assault #police',
      'Two teenagers were shot in the early hours of this morning. "These incidents will not be tolerated."',
      // Everyday city posts that use violent words.
      'Shoot us a message with your questions.',
      "We'll shoot you an email when registration opens.",
      "We'll hit you with the latest updates every Friday.",
      'Come shoot hoops at the rec center.',
      "We'll shoot the kids' portraits in the gym.",
      'We need to shoot the promo video at City Hall.',
      'Firefighters will burn the vacant house on Elm Street as a training exercise.',
      "We're going to beat the Fire Department at the charity softball game!",
      "We'll beat them next year!",
      'Hope you kill it at tryouts!',
      'Smash the like button and subscribe!',
      "Let's hang out at the park!",
      'Hang the banners by Friday.',
      'Storm season starts June 1. Storm drains must be kept clear.',
      'Loot bags for the first 50 kids!',
      'Riot police were deployed to the stadium.',
      "We'll kick them out of the tournament.",
      "Let's steal the show at the talent contest.",
      'Time to destroy the old documents at our free shred event.',
      'Break a leg to our youth theater cast!',
      "Let's break the cycle of violence.",
      'We will block the northbound lane of Main St for paving.',
      'Crews will tear down the old fire station to make room for the new library.',
      'We will blow up balloons for the parade float on Friday.',
      'Winds should die down by this evening.',
      'You must kill your engine while refueling.',
      'She deserves to be recognized for 30 years of service.',
      'Kill two birds with one stone: get your flu shot and vote early.',
      "Who's ready to storm the field at the homecoming game?",
      'Come to the park and beat the heat',
      'The new art should hang in the lobby by Friday.',
      'Teens should hang out at the teen center.',
      'The crew will have to shoot the scene again.',
      "We're going to have to hurt some feelings to fix this budget.",
      'If you feel ill, stay home.',
      'Join us and kill some time at the library',
      // Warnings about the law, not calls to break it.
      "Don't drive around barricades. Turn around, don't drown.",
      'Residents who ignore the evacuation order could face fines.',
      'Do not pay fines over the phone. The City will never call to ask for payment.',
      "If you don't pay your fines, your license may be suspended.",
      'Pay your property taxes online by April 10.',
      'Please do not vandalize the park restrooms.',
      'If you want to kill yourself, help is available: call or text 988.',
      // Spanish.
      'Vamos a quemar calorías en la clase de zumba.',
      'Hay que romper el silencio sobre la violencia doméstica.',
      'Vamos a disparar los fuegos artificiales a las 9.',
      'No pague multas por teléfono.',
      'Matan a un hombre en la colonia Centro.',
      'Hay que matar los mosquitos: vacíe el agua estancada.',
      'La policía disparó contra un sospechoso armado.',
    ])('does not flag %j', (text) => {
      expect(flagged(violence, text)).toEqual([]);
    });
  });

  it('keeps a quoted or reported threat as a warning for review, not a block', () => {
    const reported = [
      'He told the clerk "I will kill you" and fled on foot. Call 911 with information.',
      "'I'm going to kill you,' the suspect shouted.",
      'Threats like "I\'ll kill you" are crimes. Report them.',
    ];
    for (const text of reported) {
      const hits = screen(violence, text);
      expect(hits.map((h) => h.severity)).toEqual(['warning']);
      expect(hits[0]?.excerpt).toMatch(/kill you$/);
    }
  });

  it('does not act on negated or questioned commands', () => {
    expect(flagged(violence, "I would never hurt you.")).toEqual([]);
    expect(flagged(violence, "Nobody should shoot him.")).toEqual([]);
    expect(flagged(violence, "Let's not burn City Hall down.")).toEqual([]);
    expect(flagged(violence, 'What would he do, shoot him?')).toEqual([]);
  });

  it('catches evasions and points at the original characters', () => {
    expect(flagged(violence, "I'll k1ll y0u")).toEqual(["I'll k1ll y0u"]);
    expect(flagged(violence, 'I will k i l l you')).toEqual(['I will k i l l you']);
    expect(flagged(violence, "I'll K.I.L.L. you")).toEqual(["I'll K.I.L.L. you"]);
    expect(flagged(violence, 'I will kіll yоu')).toEqual(['I will kіll yоu']);
    expect(flagged(violence, 'I will ki\u200Bll you')).toEqual(['I will ki\u200Bll you']);
    expect(flagged(violence, 'I will kiiiill you')).toEqual(['I will kiiiill you']);
    expect(flagged(violence, 'ɪ ᴡɪʟʟ ᴋɪʟʟ ʏᴏᴜ')).toEqual(['ɪ ᴡɪʟʟ ᴋɪʟʟ ʏᴏᴜ']);
    expect(flagged(violence, "Let's b.u.r.n City Hall down")).toEqual(["Let's b.u.r.n City Hall down"]);
  });

  it('points the span at the threatening clause, not the whole post', () => {
    const text = 'Great turnout at the council meeting tonight. Honestly, someone should shoot him. See you next week!';
    const [hit] = screen(violence, text);
    expect(hit?.excerpt).toBe('someone should shoot him');
    expect(hit?.offset).toBe(text.indexOf('someone'));
  });

  it('reports clause, severity, message and suggestion', () => {
    const [threat] = screen(violence, 'I will hurt you');
    expect(threat).toMatchObject({ clause: '5.3.b', severity: 'error', ruleId: 'violent-threat', offset: 0, length: 15 });
    expect(threat?.message).toMatch(/threat/i);
    const [call] = screen(violence, 'block the highway');
    expect(call).toMatchObject({ clause: '6.1.12', severity: 'error', ruleId: 'illegal-activity' });
    expect(call?.suggestion.length).toBeGreaterThan(10);
  });

  it('has a consistent lexicon: every act names existing frames and target classes', () => {
    const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'lexicons', 'violence.json'), 'utf8')) as {
      grammar: { frames: Array<{ id: string }>; targets: Record<string, unknown>; acts: Array<{ id: string; frames?: string[]; targets: string[] }> };
    };
    const frames = new Set(data.grammar.frames.map((f) => f.id));
    for (const act of data.grammar.acts) {
      for (const frame of act.frames ?? []) expect([act.id, frame, frames.has(frame)]).toEqual([act.id, frame, true]);
      for (const target of act.targets) expect([act.id, target, target in data.grammar.targets]).toEqual([act.id, target, true]);
    }
  });

  it.each([
    ['near misses', worstCase('I will kill the lights and we should shoot a video, ')],
    ['names and questions', worstCase('Kill Bob Smith Jones? ')],
    ['split letters', worstCase('k.i.l.l ')],
    ['function words', worstCase('the the the a an ')],
    ['one long word', worstCase('x')],
    ['quotes', worstCase('"kill him" ')],
  ])('%s: 1 MB takes time linear in its size', (_name, make) => {
    expectLinearTime((size) => bareDocument(make(size)), (doc) => violence.check(doc, {}));
  }, 120_000);
});
