import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { harassment } from '../../src/screeners/harassment';
import { bareDocument, expectLinearTime, flagged, screen, worstCase } from '../helpers';

const LEXICONS = join(__dirname, '..', '..', 'lexicons');
const readLexicon = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(LEXICONS, `${name}.json`), 'utf8')) as Record<string, unknown>;

/** [excerpt, ruleId, severity, clause] of every hit. */
function hitsOf(text: string): Array<[string, string, string, string]> {
  return screen(harassment, text).map((h) => [h.excerpt, h.ruleId, h.severity, h.clause]);
}

const errors = (text: string): string[] => screen(harassment, text).filter((h) => h.severity === 'error').map((h) => h.excerpt);

describe('harassment screener (5.3.b, 6.1.10)', () => {
  describe('slurs: error under 5.3.b', () => {
    it.each([
      ['Those niggers again', 'niggers'],
      ['what a faggot', 'faggot'],
      ['stop acting like a retard', 'retard'],
      ['a bunch of spics', 'spics'],
      ['she is a whore', 'whore'],
      ['dumb tranny', 'tranny'],
      ['The #south of the US is white trash.', 'white trash'],
      ['Eres un maricón', 'maricón'],
      ['pinches sudacas', 'sudacas'],
    ])('flags %j', (text, excerpt) => {
      expect(hitsOf(text)).toContainEqual([excerpt, expect.stringMatching(/^(es-)?slur/), 'error', '5.3.b']);
    });
  });

  describe('insults aimed at people: error under 6.1.10', () => {
    it.each([
      ['You idiot.', 'You idiot'],
      ["you're a moron", "you're a moron"],
      ['Shut up, loser.', 'Shut up, loser'],
      ['Nice work, you stupid fucking idiot', 'you stupid fucking idiot'],
      ['JD is an idiot and everyone knows it', 'is an idiot'],
      ['What a dick!', 'What a dick'],
      ['Get lost, you clown.', 'you clown'],
      ['u r a idiot', 'u r a idiot'],
      ['your a moron', 'your a moron'],
      ["You're pathetic.", "You're pathetic"],
      ['You are a vile fire fighter', 'You are a vile'],
      ['He is a horrible person.', 'is a horrible person'],
      ['go to hell', 'go to hell'],
      ['screw you', 'screw you'],
      ['eres un idiota', 'eres un idiota'],
      ['¡Eres una pinche pendeja!', 'Eres una pinche pendeja'],
      ['No seas tonto.', 'No seas tonto'],
      ['vete a la mierda', 'vete a la mierda'],
    ])('flags %j', (text, excerpt) => {
      const [hit] = screen(harassment, text);
      expect(hit).toMatchObject({ excerpt, severity: 'error', clause: '6.1.10' });
    });

    it('reports one hit for overlapping matches, the most severe', () => {
      expect(hitsOf('Nice work, you stupid fucking idiot')).toEqual([
        ['you stupid fucking idiot', 'insult-at-person', 'error', '6.1.10'],
      ]);
    });

    it('flags an insult word not aimed at anyone as a warning only', () => {
      expect(hitsOf('Any idiot can see the sign.')).toEqual([['idiot', 'insult-word', 'warning', '6.1.10']]);
      expect(hitsOf('pendejo')).toEqual([['pendejo', 'es-insult-word', 'warning', '6.1.10']]);
    });

    it('needs a person to be addressed before words with innocent senses count', () => {
      expect(flagged(harassment, 'you pig!')).toEqual(['you pig']);
      expect(flagged(harassment, 'The 4-H pig show is Saturday.')).toEqual([]);
      expect(flagged(harassment, 'Do you like pig roast? Visit the farm exhibit.')).toEqual([]);
      expect(flagged(harassment, 'Winners and losers bracket for the softball tournament.')).toEqual([]);
      expect(flagged(harassment, 'Thank you, Dick, for 40 years of service!')).toEqual([]);
    });
  });

  describe('dehumanizing and discriminatory generalizations: error under 5.3.b', () => {
    it.each([
      ['These people are animals.', 'These people are animals'],
      ['Immigrants are vermin', 'Immigrants are vermin'],
      ['Mexicans are criminals.', 'Mexicans are criminals'],
      ['Black people are lazy.', 'Black people are lazy'],
      ['Muslims are subhuman', 'Muslims are subhuman'],
      ['Go back to your country!', 'Go back to your country'],
      ['go back where you came from', 'go back where you came from'],
      ['I hate Muslims.', 'I hate Muslims'],
      ['Kill all the gays', 'Kill all the gays'],
      ['Being gay is disgusting', 'Being gay is disgusting'],
      ['Sulin is a disgusting straight', 'is a disgusting straight'],
      ['Immigrants should be deported.', 'Immigrants should be deported'],
      ['Los inmigrantes son ratas.', 'Los inmigrantes son ratas'],
      ['Regrésate a tu país.', 'Regrésate a tu país'],
      ['Odio a los musulmanes.', 'Odio a los musulmanes'],
      ["you're still a hoe", "you're still a hoe"],
    ])('flags %j', (text, excerpt) => {
      const [hit] = screen(harassment, text);
      expect(hit).toMatchObject({ excerpt, severity: 'error', clause: '5.3.b' });
    });
  });

  describe('profanity (6.1.10)', () => {
    it.each(['fuck this', 'what a shitty detour', 'bullshit', 'Son of a bitch', 'what an asshole'])('flags strong profanity %j as an error', (text) => {
      expect(screen(harassment, text).map((h) => [h.severity, h.clause])).toEqual([['error', '6.1.10']]);
    });

    it.each([
      ['damn it', 'damn'],
      ['what the hell', 'hell'],
      ['this is crap', 'crap'],
      ['Residents are pissed off about potholes.', 'pissed'],
    ])('flags mild profanity %j as a warning', (text, excerpt) => {
      expect(hitsOf(text)).toEqual([[excerpt, 'profanity-mild', 'warning', '6.1.10']]);
    });
  });

  it.each([
    'Join us for Pride Month events for our LGBTQ+ residents at City Hall.',
    'Muslim and Jewish community leaders met today with the Mayor.',
    'Celebrate Black History Month at the Central Library.',
    'Our gay and transgender neighbors are welcome at every city service.',
    'The immigrant resource fair is Saturday at the community center.',
    'Immigrants are the backbone of our economy.',
    'Scunthorpe United visits this weekend.',
    'Road closures on Sussex Street and Middlesex Avenue.',
    'Try the cocktail bar at the new market hall.',
    'The assassin bug is harmless to people.',
    "Dick's Sporting Goods is donating equipment to the youth league.",
    'Movie night: Mary Poppins starring Dick Van Dyke.',
    'Fresh shiitake mushrooms at the farmers market!',
    'What a hell of a game last night, Cougars!',
    'The report on retarded flame spread in treated timber is online.',
    'Tour the Hoover Dam with our seniors program.',
    'The damning audit findings go to Council on Tuesday.',
    'Bring your hoes and rakes to the community garden cleanup.',
    'Grab a hoe and join us at the community garden; the country hoe-down follows.',
    'If your child is sick, he/she should stay home.',
    'Crappie fishing season opens at Lake Cottonwood.',
    'Congratulations to our summa cum laude graduates!',
    'Please pick up every piece of garbage you see on the trail.',
    'The suspect is a white male in his 30s, wearing a dark hoodie.',
    'Scamming seniors is a disgusting crime and we will pursue offenders.',
    'These kids are dirty after the mud run!',
    'Hate crimes against Muslims will not be tolerated.',
    'We stand against hate. Muslims and Jews are our neighbors.',
    'We hate to see litter in our parks.',
    'Criminals hate seniors who lock their doors.',
    'Get rid of old paint at the hazardous waste day.',
    'Jerk chicken and patties at the Caribbean festival.',
    'Let me tell you a joke about parking.',
    'Road work: expect delays on Dike Road.',
    'Fire retardant was dropped on the ridge.',
    'Our honky tonk night is Friday; the doo-wop concert is Saturday.',
    'Pinche aquí para inscribirse.',
    'El autobús está retrasado por obras.',
    'Cuidado: piso mojado. Cono de tráfico en la avenida Central.',
    'Adopte una perra en el refugio municipal.',
    'Los inmigrantes son bienvenidos en nuestra ciudad.',
    'La policía busca a un hombre armado con un puñal.',
  ])('does not flag %j', (text) => {
    expect(flagged(harassment, text)).toEqual([]);
  });

  it('never flags an identity word used neutrally', () => {
    const identity = readLexicon('identity-terms') as { groups: Record<string, string[]>; variants: string[] };
    const singular = Object.values(identity.groups).flat();
    const flaggedTexts = [
      ...singular.map((w) => `Join our ${w} residents at the ${w} community celebration. Being ${w} is welcome here.`),
      ...identity.variants.map((w) => `We welcome ${w} to the festival; ${w} are our neighbors. Respect ${w}.`),
    ].filter((text) => flagged(harassment, text).length > 0);
    expect(flaggedTexts).toEqual([]);
  });

  describe('evasions, with excerpts pointing at the original characters', () => {
    it.each([
      ['f*ck this', 'f*ck'],
      ['this is sh*t', 'sh*t'],
      ['what a f***ing mess', 'f***ing'],
      ['b*tch please', 'b*tch'],
      ['f.u.c.k the council', 'f.u.c.k'],
      ['F U C K the council', 'F U C K'],
      ['ƒuck', 'ƒuck'],
      ['what an a$$hole', 'a$$hole'],
      ['fuuuuck', 'fuuuuck'],
      ['fu\u200Bck off', 'fu\u200Bck'],
      ['fuсk (Cyrillic es)', 'fuсk'],
      ['N1gger', 'N1gger'],
      ['sh1t', 'sh1t'],
      ['y0u 1d10t', 'y0u 1d10t'],
    ])('flags %j', (text, excerpt) => {
      expect(errors(text)).toEqual([excerpt]);
    });

    it('resolves a masked word to its entry, clause and severity', () => {
      expect(hitsOf('d*mn it')).toEqual([['d*mn', 'profanity-mild', 'warning', '6.1.10']]);
      expect(hitsOf('n*gger')).toEqual([['n*gger', 'slur-race-ethnicity', 'error', '5.3.b']]);
      expect(screen(harassment, 'f*ck')[0]?.message).toMatch(/^"fuck" with letters hidden/);
    });

    it('finds every maskable word of the lexicons masked, with the entry the word is a term of', () => {
      // The entries are resolved on first use: this is where a maskable word that is no term would throw.
      const words = ['harassment', 'harassment-es', 'profanity'].flatMap(
        (name) => (JSON.parse(readFileSync(join(__dirname, '..', '..', 'lexicons', `${name}.json`), 'utf8')) as { maskable?: { words: string[] } }).maskable?.words ?? [],
      );
      expect(words.length).toBeGreaterThan(10);
      for (const word of words) {
        const masked = `${word[0]}*${word.slice(2)}`;
        const hits = screen(harassment, `they said ${masked} again`);
        expect([word, hits.some((h) => h.excerpt === masked && h.message.startsWith(`"${word}" with letters hidden`))]).toEqual([word, true]);
      }
    });

    it('leaves asterisks that hide nothing alone', () => {
      expect(flagged(harassment, 'Parking fees* apply. *Terms and conditions.')).toEqual([]);
      expect(flagged(harassment, 'Rated 5* by residents; see a*b for the formula.')).toEqual([]);
    });
  });

  it('reports clause, severity, rule, message and suggestion', () => {
    const [hit] = screen(harassment, 'You idiot.');
    expect(hit).toMatchObject({ ruleId: 'insult-at-person', clause: '6.1.10', severity: 'error', offset: 0, length: 9 });
    expect(hit?.message).toMatch(/insult/i);
    expect(hit?.suggestion.length).toBeGreaterThan(10);
  });

  it('keeps every lexicon entry and pattern auditable', () => {
    for (const name of ['harassment', 'harassment-es', 'profanity']) {
      const lexicon = readLexicon(name) as { entries: Array<Record<string, unknown>>; patterns?: Array<Record<string, unknown>> };
      const rules = [...lexicon.entries, ...(lexicon.patterns ?? [])];
      for (const rule of rules) {
        expect(rule).toMatchObject({ id: expect.any(String), severity: expect.stringMatching(/^(error|warning)$/), note: expect.any(String), suggestion: expect.any(String) });
      }
      expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    }
  });

  describe('speed', () => {
    it.each([
      ['insults and masked words', worstCase('you are a stupid fucking idiot f*ck sh*t a**hole f**k ')],
      ['pattern openers', worstCase('you you are a a the such muslims are i hate the all these people are ')],
      ['Spanish', worstCase('hell of a hell pissed eres un pinche pendejo son unos ')],
      ['a masked run', worstCase('*', 'f', 'k')],
      ['numbers', worstCase('1 ')],
    ])('%s: 1 MB takes time linear in its size', (_name, make) => {
      expectLinearTime((size) => bareDocument(make(size)), (doc) => harassment.check(doc, {}));
    }, 120_000);
  });
});
