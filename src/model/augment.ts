import { BENIGN as CIVIC_BENIGN, HOSTILE as CIVIC_HOSTILE, SLOTS as CIVIC_SLOTS_DATA, type TemplateFamily } from './civicTemplates';
import { fnv1a, identityTerms } from './features';
import { seededRandom } from './logistic';

/**
 * Counterfactual training sentences, written from our own templates (never from evaluation files).
 * Every identity group appears in hostile sentences (label 1) and, in the same sentence shapes, in
 * friendly ones (label 0), plus neutral community statements, so what decides the label is the insult,
 * the dehumanising word or the threat, never the group named. Label-0 sentences with negative words
 * about things ("the traffic is terrible") and third-person public-safety reports ("a man was charged
 * with murder") keep those words alone from reading as an attack on people; threats at the reader
 * (label 1) cover what the tweet data has little of.
 */

export interface AugmentedRow {
  text: string;
  label: 0 | 1;
  /** Which family of templates made it: 'augment:identity', 'augment:threat', 'augment:things', 'augment:civic'. */
  source: string;
}

const SLOTS: Record<string, string[]> = {
  name: ['Alex', 'Maria', 'Jamal', 'Wei', 'Priya', 'Carlos', 'Fatima', 'John', 'Keisha', 'Dmitri', 'Aisha', 'Luis',
    'Mei', 'Omar', 'Sarah', 'Tyrone', 'Ana', 'David', 'Linh', 'Rosa', 'Kevin', 'Amara', 'Hiro', 'Grace'],
  occupation: ['teacher', 'nurse', 'bus driver', 'librarian', 'firefighter', 'police officer', 'mechanic', 'chef',
    'accountant', 'plumber', 'engineer', 'cashier', 'doctor', 'lawyer', 'janitor', 'farmer', 'electrician',
    'student', 'mail carrier', 'council member', 'clerk', 'volunteer', 'neighbor', 'coach', 'reporter', 'artist'],
  good: ['kind', 'wonderful', 'great', 'friendly', 'brilliant', 'talented', 'generous', 'caring', 'lovely',
    'amazing', 'helpful', 'honest', 'respected', 'thoughtful', 'hardworking', 'fantastic', 'smart', 'welcoming',
    'proud', 'good', 'beautiful', 'inspiring', 'excellent', 'cheerful', 'nice', 'fun', 'happy', 'sweet', 'funny',
    'cool', 'awesome', 'fabulous', 'decent', 'patient', 'gentle', 'brave', 'creative', 'dedicated', 'loyal', 'neat',
    'polite', 'gracious', 'warm', 'wise', 'clever', 'skilled', 'best', 'terrific', 'incredible', 'remarkable',
    'delightful', 'reliable', 'trusted', 'popular', 'calm', 'curious', 'energetic', 'humble', 'charming', 'splendid'],
  bad: ['disgusting', 'vile', 'worthless', 'pathetic', 'filthy', 'stupid', 'ugly', 'repulsive', 'horrible',
    'awful', 'terrible', 'nasty', 'idiotic', 'dumb', 'trashy', 'shitty', 'evil', 'gross', 'useless', 'inferior',
    'subhuman', 'revolting', 'sick', 'lazy', 'dirty', 'moronic', 'hateful', 'creepy', 'despicable', 'sleazy'],
  hateVerb: ['hate', 'despise', 'kill', 'destroy', 'murder', 'attack', 'beat up', 'get rid of', 'wipe out',
    'exterminate', 'deport', 'punch', 'shoot', 'loathe', 'burn'],
  kindVerb: ['respect', 'welcome', 'support', 'celebrate', 'love', 'hug', 'like', 'thank', 'meet', 'help', 'hire',
    'honor', 'include', 'appreciate', 'admire'],
  fate: ['wiped out', 'gone', 'locked up', 'kicked out', 'shot', 'sent back', 'banned', 'beaten', 'killed',
    'removed from our city'],
  goodNoun: ['our neighbors', 'part of our city', 'valued residents', 'our friends', 'welcome here', 'family'],
  goodFate: ['celebrated', 'welcomed', 'heard', 'included', 'respected', 'supported', 'thanked', 'proud'],
  insultNoun: ['animals', 'vermin', 'trash', 'scum', 'a disease', 'parasites', 'idiots', 'garbage', 'pigs',
    'a plague', 'cockroaches', 'losers'],
  event: ['the block party', 'the library open house', 'the town hall', 'the farmers market', 'the park cleanup',
    'the community dinner', 'the job fair', 'the parade', 'the listening session', 'story time'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  thing: ['The traffic on Main Street', 'The weather this weekend', 'The pothole on Elm Avenue', 'That storm',
    'The smell near the treatment plant', 'The litter in Riverside Park', 'The flooding downtown',
    'The heat this afternoon', 'The wait at the permit office', 'The noise from the construction site'],
  thingBad: ['terrible', 'horrible', 'awful', 'nasty', 'bad', 'ugly', 'gross', 'disgusting', 'miserable'],
};

/**
 * Hostile sentences (label 1) and their friendly twins (label 0): the same words around the identity
 * term, so its context (`<id> people`, `being <id>`, `a <id>`) is learned as neutral and only the insult,
 * the dehumanising noun or the threat carries the label. `{occupation}` pairs make insults personal
 * without naming a group.
 */
const PAIRS: Array<[string, string]> = [
  ['I {hateVerb} {id} people', 'I {kindVerb} {id} people'],
  ['{hateVerb} all {id} people', '{kindVerb} all {id} people'],
  ['{hateVerb} {id}', '{kindVerb} {id}'],
  ['I {hateVerb} {id}', 'I {kindVerb} {id}'],
  ['{id} people are {bad}', '{id} people are {good}'],
  ['All {id} people are {bad}', 'All {id} people are {good}'],
  ['Being {id} is {bad}', 'Being {id} is {good}'],
  ['It is {bad} to be {id}', 'It is {good} to be {id}'],
  ['You are a {bad} {id}', 'You are a {good} {id}'],
  ['You are a {bad} {occupation}', 'You are a {good} {occupation}'],
  ['{name} is a {bad} {id}', '{name} is a {good} {id}'],
  ['{name} is a {bad} {occupation}', '{name} is a {good} {occupation}'],
  ['{id} people are {insultNoun}', '{id} people are {goodNoun}'],
  ['These {id} people are {insultNoun} and should be {fate}', 'These {id} people are {goodNoun} and should be {goodFate}'],
  ['{id} people should be {fate}', '{id} people should be {goodFate}'],
  ['We should {hateVerb} every {id} person in this town', 'We should {kindVerb} every {id} person in this town'],
  ['Get these {bad} {id} people out of our city', 'Welcome these {good} {id} people to our city'],
  ['No {id} person deserves to live here', 'Every {id} person deserves to live here'],
  ['You {bad} {occupation}, nobody wants you here', 'You {good} {occupation}, everybody is glad you are here'],
  ['{name} is {bad} and {bad}', '{name} is {good} and {good}'],
];

/** Neutral statements naming a group, as city accounts post them: label 0. */
const COMMUNITY = [
  'I am {id}', 'We are {id} and proud of it', '{name} is {id}', '{name} is a {id} {occupation}',
  'Our {id} neighbors are invited to {event} on {day}', '{id} residents are welcome at {event}',
  'City leaders met with {id} community members on {day}', 'The {id} community joined us at {event}',
  'As a {id} {occupation}, I love serving this city', '{id} lives matter', 'Celebrating {id} history this month',
  'Join us for the {id} heritage festival on {day}', '{id} people live and work in every neighborhood',
  'Many {id} people came to {event}', '{id} families can find resources at the library',
  '{id} people', '{id} residents', '{id} community', '{id} families', '{id} neighbors', '{id} people in our city',
];

/** Threats at the reader: label 1. */
const THREATS = [
  'I will {harm} you', 'I am going to {harm} you and your family', 'You deserve to be {fate}',
  'Someone should {harm} you', 'Watch your back, I will {harm} you', 'I hope someone {harmed} you',
  'We know where you live and we will {harm} you', 'Keep talking and I will {harm} you',
];

/** Negative words about things, not people: label 0. */
const THINGS = ['{thing} is {thingBad}', '{thing} was {thingBad} today', '{thing} has been {thingBad} all week'];

/**
 * Public-safety announcements in the third person, as city and police accounts write them: label 0.
 * Crime words ("murder", "abuse", "killed") in a report or an appeal are not an attack on anyone.
 */
const CIVIC = [
  'Police are investigating the {crime} of a {age}-year-old {person} in {area}',
  'A {age}-year-old {person} has been charged with {crime} after an incident in {area}',
  'Detectives investigating a {crime} in {area} have arrested a {person}',
  'Officers are appealing for witnesses after a {crime} on {street}',
  'A {person} has been jailed for {crime}',
  '{Crime} is never acceptable. If you are a victim, call 911 or our non-emergency line',
  'If you have been a victim of {crime}, you can report it online or call us',
  'Together we can end {crime}. Find out where to get support',
  'Latest news: {person} sentenced for {crime} in {area}',
  'Update: a second {person} has been arrested in connection with the {crime} in {area}',
  'Our thoughts are with the family of the {person} who was killed in {area}',
  'Anyone with information about the {crime} should contact detectives',
  'Do you know the signs of {crime}? Help is available 24 hours a day',
  'If you or someone you know is affected by {crime}, please call our support line',
  'Worried about {crime}? You are not alone and you can talk to us in confidence',
  '{Crime} can happen to anyone. Please look out for your neighbors and report anything suspicious',
  'Please {advice} and stay safe this weekend',
  'Reminder: {advice}. Officers will be out in {area} all week',
];

const CIVIC_SLOTS: Record<string, string[]> = {
  crime: ['murder', 'assault', 'sexual assault', 'rape', 'domestic abuse', 'robbery', 'stabbing', 'shooting',
    'hate crime', 'harassment', 'child abuse', 'arson', 'fraud', 'manslaughter', 'burglary', 'attempted murder',
    'violent disorder', 'kidnapping', 'carjacking', 'death', 'fatal crash', 'hit and run', 'stalking', 'theft'],
  person: ['man', 'woman', 'teenager', 'boy', 'girl', 'driver', 'suspect', 'resident', 'pedestrian', 'cyclist'],
  age: ['16', '17', '19', '21', '24', '30', '35', '42', '56', '61', '78'],
  area: ['Northside', 'the Riverside district', 'Oak Park', 'downtown', 'the West End', 'Elm Heights',
    'the industrial estate', 'Maple Grove'],
  street: ['Main Street', 'Elm Avenue', '5th Street', 'Harbor Road', 'Lincoln Boulevard', 'Station Road'],
  advice: ['drive carefully on icy roads', 'lock your car and hide valuables', 'drink responsibly',
    'keep an eye on elderly neighbors during the heat', 'slow down in school zones', 'never leave children in a hot car',
    'check your smoke alarms', 'report scam calls', 'plan a safe ride home', 'watch for cyclists'],
  harm: ['kill', 'hurt', 'find and beat', 'shoot', 'stab', 'burn down the house of', 'destroy', 'end'],
  harmed: ['killed', 'hurt', 'shot', 'beat', 'stabbed'],
};

function fill(template: string, identity: string, random: () => number): string {
  const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'id') return identity;
    const options = SLOTS[slot] ?? CIVIC_SLOTS[slot.toLowerCase()]!;
    const value = options[Math.floor(random() * options.length)]!;
    return slot[0] === slot[0]!.toUpperCase() ? value[0]!.toUpperCase() + value.slice(1) : value;
  });
  const sentence = text.replace(/\ba ([aeiou])/gi, 'an $1');
  return sentence[0]!.toUpperCase() + sentence.slice(1);
}

export interface AugmentOptions {
  /** Hostile/friendly pairs per identity term. */
  perTerm: number;
  /** Neutral community statements per identity term. */
  communityPerTerm: number;
  /** Threats at the reader. */
  threats: number;
  /** Sentences about things. */
  things: number;
  /** Public-safety announcements. */
  civic: number;
  seed: number;
}

export function augmentationRows(options: AugmentOptions): AugmentedRow[] {
  const random = seededRandom(options.seed);
  const terms = Object.values(identityTerms().groups).flat();
  const seen = new Set<string>();
  const rows: AugmentedRow[] = [];
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)]!;
  const add = (templates: string[], label: 0 | 1, family: string, identity = ''): void => {
    const text = fill(pick(templates), identity, random);
    if (seen.has(text)) return;
    seen.add(text);
    rows.push({ text, label, source: `augment:${family}` });
  };
  for (const term of terms) {
    for (let k = 0; k < options.perTerm; k++) {
      const [hostile, friendly] = PAIRS[Math.floor(random() * PAIRS.length)]!;
      add([hostile], 1, 'identity', term);
      add([friendly], 0, 'identity', term);
    }
    for (let k = 0; k < options.communityPerTerm; k++) add(COMMUNITY, 0, 'identity', term);
  }
  for (let k = 0; k < options.threats; k++) add(THREATS, 1, 'threat');
  for (let k = 0; k < options.things; k++) add(THINGS, 0, 'things');
  for (let k = 0; k < options.civic; k++) add(CIVIC, 0, 'civic');
  return rows;
}

// ---------------------------------------------------------------- city-government domain

/**
 * Benign city-government posts (label 0) and hostile posts in the same vocabulary (label 1), filled
 * from the templates and word lists in civicTemplates.ts. The tweet and comment data has almost no
 * civic text, so without these a short neutral notice ("Burn ban in effect.") scores near the prior
 * and words with innocent senses (kill the lights, garbage pickup, dirty after the race) read as
 * attacks. Whole templates are held out (by hash), not single fills: the held-out part measures how
 * the model does on sentence shapes it never saw, and the warning threshold is chosen so its benign
 * posts are rarely flagged.
 */

export interface CivicOptions {
  /** Fill attempts per benign template (duplicates are dropped, so slot-poor templates give fewer rows). */
  perTemplate: number;
  /** Fill attempts per hostile template. */
  hostilePerTemplate: number;
  /** Percent of templates (by FNV-1a hash of the template text) whose rows are held out for validation. */
  holdoutPercent: number;
  /** Probability of a prefix ("UPDATE: ") and, separately, of a suffix (" More info: <url>"). */
  decorate: number;
  /** Training weight of each benign row (the rows of the tweet and comment data weigh about 1). */
  weight: number;
  /** Training weight of each hostile row. */
  hostileWeight: number;
  seed: number;
}

export interface CivicRow extends AugmentedRow {
  /** True when the row's template is held out of training (validation only). */
  heldOut: boolean;
}

const CIVIC_HOLDOUT_SEED = fnv1a('p5050-civic-holdout');

export function isHeldOutTemplate(template: string, percent: number): boolean {
  return fnv1a(template, CIVIC_HOLDOUT_SEED) % 100 < percent;
}

function fillCivic(template: string, family: TemplateFamily, random: () => number): string {
  let text = template;
  // Slot values may hold slots themselves (a suffix with {url}): fill until none are left.
  for (let round = 0; round < 3 && text.includes('{'); round++) {
    text = text.replace(/\{(~?)(\w+)\}/g, (whole, lower: string, slot: string) => {
      const options = CIVIC_SLOTS_DATA[slot[0]!.toLowerCase() + slot.slice(1)];
      if (!options) throw new Error(`civicTemplates: unknown slot ${whole} in "${template}"`);
      const value = options[Math.floor(random() * options.length)]!;
      if (lower) return value[0]!.toLowerCase() + value.slice(1);
      return slot[0] === slot[0]!.toUpperCase() ? value[0]!.toUpperCase() + value.slice(1) : value;
    });
  }
  if (family.lang === 'en') text = text.replace(/\b([Aa]) ([aeiou])/g, '$1n $2');
  else text = text.replace(/\ba el\b/g, 'al').replace(/\bde el\b/g, 'del');
  return text[0]!.toUpperCase() + text.slice(1);
}

function decorate(text: string, family: TemplateFamily, probability: number, random: () => number): string {
  const [prefixes, suffixes] = family.lang === 'es' ? ['{prefijo}', '{sufijo}'] : ['{prefix}', '{suffix}'];
  let out = text;
  if (random() < probability) out = fillCivic(prefixes, family, random) + out;
  if (random() < probability) out += fillCivic(suffixes, family, random);
  return out;
}

export function civicDomainRows(options: CivicOptions): CivicRow[] {
  const seen = new Set<string>();
  const rows: CivicRow[] = [];
  for (const family of [...CIVIC_BENIGN, ...CIVIC_HOSTILE]) {
    const attempts = family.label === 1 ? options.hostilePerTemplate : options.perTemplate;
    for (const template of family.templates) {
      // Each template draws from its own seeded stream: adding or editing one template leaves the others' rows alone.
      const random = seededRandom(fnv1a(template, options.seed));
      const heldOut = isHeldOutTemplate(template, options.holdoutPercent);
      for (let k = 0; k < attempts; k++) {
        const core = fillCivic(template, family, random);
        const text = decorate(core, family, options.decorate, random);
        // One row per distinct fill: decorations alone must not multiply a slot-poor template.
        const key = core.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ text, label: family.label, source: `augment:civic-${family.label === 1 ? 'hostile' : 'benign'}`, heldOut });
      }
    }
  }
  return rows;
}
