import { heads, isShortPost, judge } from '../../src/model/heads';
import { buildDocument } from '../../src/text/document';

/**
 * Functional tests of the shipped heads, CheckList-style: for each head, drafts it must flag and
 * near-misses it must pass — negation, counter-speech, reported speech in a police appeal, benign senses
 * of violent words, neutral mentions of groups, parties and candidates, Spanish, evasions. All written
 * for these tests (none from ../shared/eval). A head "flags" a draft when its score reaches its review
 * threshold, as the judgement screener reports it.
 */

function flags(head: string, text: string): boolean {
  const model = heads();
  const h = model.cards.findIndex((c) => c.id === head);
  if (h < 0) throw new Error(`no head ${head}`);
  const doc = buildDocument(text);
  const card = model.cards[h]!;
  return judge(doc).score(h) >= (isShortPost(doc) ? card.shortThresholds : card.thresholds).review;
}

interface Case {
  head: string;
  /** What the pair tests. */
  kind: string;
  flag: string;
  pass: string;
  /** A known limit of the shipped heads: the near-miss is still flagged (README "Judgement heads", limits). */
  passIsKnownLimit?: boolean;
}

const CASES: Case[] = [
  // 5.3.b: hate toward groups, threats
  { head: '5.3.b', kind: 'neutral mention of a group', flag: 'These immigrants are ruining our town. Send them all back where they came from.', pass: 'Free citizenship classes for immigrant neighbors start Monday at the Main Library.' },
  { head: '5.3.b', kind: 'threat vs police appeal', flag: 'Next guy who tags our bridge is getting his hands broken. Try us.', pass: 'Police are looking for the person who spray-painted the bridge on Friday. Call 555-0100 with information.' },
  { head: '5.3.b', kind: 'Spanish', flag: 'Esos inmigrantes son una plaga, que se regresen a su país.', pass: 'Clases gratuitas de inglés para inmigrantes en la biblioteca, los martes a las 6.' },
  // 6.1.12: incitement, dodging rules
  { head: '6.1.12', kind: 'dodging a restriction vs explaining it', flag: 'Watering restrictions? Water after 10 p.m., nobody is out checking 😉', pass: 'Stage 2 watering restrictions: outdoor watering only before 8 a.m. on your assigned days.', passIsKnownLimit: true },
  { head: '6.1.12', kind: 'benign sense of violent words', flag: 'Somebody should go slash the tires on that food truck that keeps parking in the bus lane.', pass: 'Kill the lights, grab a blanket and enjoy the fireworks show from Riverside Park!', passIsKnownLimit: true },
  { head: '6.1.12', kind: 'reported speech in a police appeal', flag: 'Honestly, if a porch pirate hits your house, chase him down and teach him a lesson. We won’t mind.', pass: 'Police are seeking a man who threatened a clerk at a Main Street store on Tuesday. Anyone with information, call 555-0100.' },
  // 6.1.14: campaigning
  { head: '6.1.14', kind: 'ballot measure: advocacy vs information', flag: 'Vote YES on Measure B on Nov. 5 and finally fix our roads!', pass: 'Measure B is on the Nov. 5 ballot. The impartial analysis and full text are on the City Clerk’s page.' },
  { head: '6.1.14', kind: 'neutral mention of candidates', flag: 'Re-elect Mayor Ortiz this November. Four more years of getting things done!', pass: 'Meet the candidates for City Council at a forum hosted by the League of Women Voters on Oct. 3.' },
  { head: '6.1.14', kind: 'neutral mention of a party', flag: 'Democrats, this is your year: turn out and vote the whole blue ticket on Tuesday!', pass: 'The County Republican and Democratic parties both have booths at the fair this weekend, next to the library tent.', passIsKnownLimit: true },
  { head: '6.1.14', kind: 'Spanish', flag: '¡Vote por Ana Ruiz para el Concejo! Ella sí trabaja por nuestra comunidad.', pass: 'La fecha límite para registrarse para votar en la elección general es el 7 de octubre.' },
  // 6.1.6: personal gain
  { head: '6.1.6', kind: 'personal sale vs a City-run sale', flag: 'Selling my 2012 Honda Civic, runs great, $6,500 or best offer. DM this page!', pass: 'The Friends of the Library book sale is Saturday, 9 to 3. All proceeds support library programs.' },
  { head: '6.1.6', kind: 'Spanish', flag: 'Vendo tamales caseros, $15 la docena. Mándenme mensaje a esta página 🫔', pass: 'El mercado de agricultores regresa este sábado a la plaza, de 8 a mediodía.' },
  // 6.1.5: unsourced claims
  { head: '6.1.5', kind: 'superlative vs attributed figure', flag: 'We are officially the safest city in the entire state! 🏆', pass: 'According to the FBI’s 2023 Uniform Crime Report, property crime in our city fell 12 percent.' },
  { head: '6.1.5', kind: 'research claim vs own count', flag: 'Studies show that xeriscaping cuts your water bill in half!', pass: 'Our crews filled 212 potholes this month. Thanks for your patience on the detours.' },
  // 6.1.8: sensitive internal matters
  { head: '6.1.8', kind: 'personnel matter vs public notice', flag: 'Officer Diaz is on paid administrative leave while Internal Affairs reviews the complaint about the traffic stop.', pass: 'The City Council will meet in executive session on Tuesday to receive legal advice, as allowed by state law.' },
  { head: '6.1.8', kind: 'Spanish', flag: 'Entre nosotros: el abogado dice que la ciudad pagará hasta $300 mil para cerrar la demanda de la familia Ortega.', pass: 'La sesión del Concejo del martes se transmitirá en vivo en el canal 26.' },
  // 6.1.10: disrespect
  { head: '6.1.10', kind: 'sarcasm at a resident vs a firm reminder', flag: 'To the genius who parked across three spaces at the library today: congrats, you win the prize for worst driver in town.', pass: 'Please park within the lines at the library so everyone has a space. Thank you!' },
  { head: '6.1.10', kind: 'mocking a department vs thanking it', flag: 'Our IT department, ladies and gentlemen: three weeks to reset one password. Truly elite work.', pass: 'Thank you to our IT team for keeping the systems running through the storm this week.' },
  // 6.1.11: negative reflection
  { head: '6.1.11', kind: 'shaming vs an apology', flag: 'Street crews took three months to fill one pothole on Elm. Embarrassing, honestly.', pass: 'Sorry for the delay on the Elm Street pothole. Crews will fill it on Friday morning.' },
  // 6.1.13: public safety
  { head: '6.1.13', kind: 'unstaffed station vs unchanged service', flag: 'Fire Station 6 will be unstaffed tonight from 7 p.m. until 7 a.m. while the crew is at training.', pass: 'Fire Station 6 crews are training tonight. Response times in the area are unchanged.' },
  { head: '6.1.13', kind: 'security gap vs a repair notice', flag: 'Heads up: the back door of the courthouse still does not latch, so anyone can walk in after hours.', pass: 'The courthouse back entrance is closed for repairs this week. Please use the main entrance on 1st Street.' },
  { head: '6.1.13', kind: 'operation in progress vs a finished one', flag: 'SWAT is staged behind the Walgreens on Elm right now, waiting for the suspect to come out.', pass: 'The police operation on Elm Street has ended and all roads are open again. Thank you for your patience.' },
  // toxicity: insults, obscenity, threats as public toxicity data labels them
  { head: 'toxicity', kind: 'insult vs praise in the same shape', flag: 'You are a worthless idiot and everyone in this town hates you.', pass: 'You are a wonderful volunteer and everyone in this town loves you.' },
  { head: 'toxicity', kind: 'counter-speech quoting a hateful word', flag: 'Shut up, you stupid piece of trash.', pass: 'Calling our neighbors "trash" is never acceptable. Hate has no place in Riverton.' },
];

describe.each(CASES)('head $head: $kind', ({ head, flag, pass, passIsKnownLimit }) => {
  it(`flags ${JSON.stringify(flag)}`, () => expect(flags(head, flag)).toBe(true));
  // A known limit is asserted as failing: the day a retrained head gets it right, jest says so.
  (passIsKnownLimit ? it.failing : it)(`passes ${JSON.stringify(pass)}`, () => expect(flags(head, pass)).toBe(false));
});
