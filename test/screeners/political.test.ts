import { political } from '../../src/screeners/political';
import { bareDocument, expectLinearTime, flagged, screen, worstCase } from '../helpers';

const ruleIds = (text: string, config = {}): string[] => screen(political, text, config).map((h) => h.ruleId);

describe('political screener (6.1.14)', () => {
  it.each([
    ['Vote for Jane Smith on November 5!', 'Vote for Jane Smith'],
    ["Vote against Bob Jones. He's wrong for Cottonwood.", 'Vote against Bob Jones'],
    ['Please cast your vote for @JaneSmith on Tuesday.', 'vote for @JaneSmith'],
    ['Help us elect Maria Lopez this November.', 'elect Maria Lopez'],
    ['Re-elect Mayor Smith!', 'Re-elect'],
    ['Reelect Councilmember Lee in District 3.', 'Reelect'],
    ['Why are you going to vote for me this November?', 'vote for me'],
    ['Yes on Measure B! Fund our parks.', 'Yes on Measure B'],
    ['Vote NO on Prop 12.', 'Vote NO on Prop 12'],
    ['The Mayor supports Proposition 4.', 'supports Proposition 4'],
    ['Jane Smith for Mayor!', 'Jane Smith for Mayor'],
    ['Support Jane Smith for Mayor.', 'Jane Smith for Mayor'],
    ['Vote Democrat this November.', 'Vote Democrat'],
    ['Vote blue all the way down the ballot!', 'Vote blue'],
    ['Vote straight ticket Republican.', 'Vote straight ticket'],
    ['Chip in $5 to help us reach our goal before midnight.', 'Chip in $5'],
    ['Donate to our campaign today!', 'Donate to our campaign'],
    ['Give now: secure.actblue.com/donate/smith', 'actblue'],
    ['Give at winred.com/jones before the deadline!', 'winred'],
    ['Sign up to volunteer for the campaign today.', 'volunteer for the campaign'],
    ['Join the campaign! We need volunteers to win this election.', 'Join the campaign'],
    ['RSVP at smithformayor.com', 'smithformayor'],
    ['Paid for by Friends of Jane Smith', 'Paid for by'],
    ['Printed flyers. Paid for by the Committee to Elect Jane Smith.', 'Paid for by'],
    ['#VoteBlue', '#VoteBlue'],
    ['Make America great #MAGA', '#MAGA'],
    ['Proud to be #SmithForMayor', 'SmithForMayor'],
    ['Go team #ElectLopez', '#ElectLopez'],
    ['#YesOnB', '#YesOnB'],
    ['#FlipWA03 this fall', '#FlipWA03'],
    ['My opponent wants to raise your taxes.', 'My opponent'],
    ["I'm running for City Council because Cottonwood deserves better.", "I'm running for"],
    // Spanish
    ['Vote por Jane Smith el 5 de noviembre.', 'Vote por Jane Smith'],
    ['Vota por María López para el Concejo.', 'Vota por María López'],
    ['¡Reelija a la alcaldesa Smith!', 'Reelija'],
    ['Sí a la Medida B. ¡Vote sí!', 'Sí a la Medida B'],
    ['Dona a la campaña de Jane Smith hoy.', 'Dona a la campaña'],
  ])('flags %j', (text, excerpt) => {
    expect(flagged(political, text)).toContain(excerpt);
  });

  it.each([
    // neutral civic information (the list)
    'Polls open 7am–8pm on Tuesday, November 5.',
    'Register to vote by Oct 15! Visit the County Elections website.',
    'Vote by mail ballots must be postmarked by Election Day.',
    'Early voting starts Monday at City Hall, 8 AM to 5 PM.',
    'The Council will discuss Measure B on Tuesday at 6 PM.',
    'Sample ballots are in the mail.',
    'The Mayor signed the budget this morning.',
    'Election results will be posted at 9 PM on the County website.',
    'Candidate forum hosted by the League of Women Voters at the library on Thursday.',
    'Vote for your favorite pumpkin in our contest!',
    'Vote for the park name! Three finalists are on display at City Hall.',
    'Councilmember Lee voted for the ordinance, which passed 5-2.',
    // realistic city drafts that come close
    'Poll workers needed! Volunteer for Election Day and earn a stipend.',
    'Reminder: campaign signs are not allowed in the public right-of-way and must be removed within 10 days after the election.',
    "Thinking about running for City Council? The candidate filing period opens July 15 at the City Clerk's office.",
    'Mayor-elect Jane Smith will be sworn in on December 10 at City Hall.',
    'The Council voted to elect Dana Lee as Mayor Pro Tem for 2025.',
    'The Council will elect a new chair at the January meeting.',
    'The new playground was paid for by a state parks grant.',
    'Paid for by Measure B funds, the new library branch opens Saturday.',
    'Join our campaign to keep Cottonwood beautiful! Volunteers pick up litter Saturday.',
    'Officers were knocking on doors on Elm Street to ask residents about the burglary.',
    'Donate to the toy drive at any fire station through December 20.',
    'Vote for Cottonwood in the Best Small Town contest! Voting ends Friday.',
    'The City Council endorsed the Climate Action Plan at Tuesday\'s meeting.',
    'Voter registration drive Saturday. Our campaign to register 1,000 new voters continues!',
    'Find your nearest Vote Center at the County Elections site. #VoteEarly #VoteByMail #ElectionDay',
    'Candidates for Mayor must file nomination papers by August 9.',
    "Applications for Mayor's Youth Council are open through May 1.",
    'Join Mayor Smith for coffee on Friday at 8 AM at the Senior Center.',
    'Please chip in and help keep our parks clean this weekend.',
    'Measure B passed with 62% of the vote. The Council will discuss next steps.',
    'The yard sign ordinance limits signs to 6 square feet.',
    'Officers canvassed the neighborhood for witnesses after the collision.',
    'Regístrese para votar antes del 15 de octubre.',
    'Dona a la campaña de juguetes en cualquier estación de bomberos.',
    'El Concejo discutirá la Medida B el martes.',
    'Vota por tu foto favorita en nuestro concurso.',
    'The County Registrar will complete the official canvass of the November election by December 3.',
    'Get out the vote! Polls are open until 8 PM. #ElectionDay',
    'Our firefighters will be knocking on doors this Saturday to check smoke alarms.',
    'Mayor Smith was re-elected in November and will be sworn in on January 8.',
    'Have your vote counted: return your ballot by 8 PM on Election Day.',
    'Candidates running for City Council will debate on Channel 26 on October 3.',
    "Don't forget: Measure B and Measure C are on your ballot. Read the impartial analysis.",
  ])('does not flag %j', (text) => {
    expect(flagged(political, text)).toEqual([]);
  });

  describe('campaign activity counts only in a post about an election', () => {
    it('blocks canvassing in an election post, and only warns on softer campaign talk', () => {
      const [canvass] = screen(political, "We're knocking doors in District 4 this weekend. Election Day is 10 days away!");
      expect(canvass).toMatchObject({ ruleId: 'campaign-canvass', severity: 'error', excerpt: 'knocking doors' });
      const [endorsement] = screen(political, 'Thrilled to receive the endorsement of the firefighters union this election.');
      expect(endorsement).toMatchObject({ ruleId: 'campaign-activity', severity: 'info', excerpt: 'endorsement' });
    });

    it('lets two campaign cues stand as context for each other', () => {
      expect(flagged(political, 'Come grab a yard sign and knock on some doors with us!')).toEqual(['yard sign', 'knock on some doors']);
    });

    it('does not let a phrase be its own context', () => {
      expect(flagged(political, 'Thanks to everyone who supports our campaign.')).toEqual([]);
      expect(flagged(political, 'Thanks to everyone who supports our campaign. See you at the polls in November!')).toEqual(['our campaign']);
    });

    it('reads district tags and team tags as context', () => {
      expect(flagged(political, 'Meeting neighbors at the parade with #TeamDeluzio #PA17')).toEqual(['#TeamDeluzio']);
      expect(flagged(political, 'Great turnout at the cleanup, #TeamCottonwood!')).toEqual([]);
    });
  });

  describe('configured candidates, parties and measures', () => {
    const config = { candidates: ['Dana Lee', 'Tom Reyes'], parties: ['Green Party'], ballotMeasures: ['Measure Q'] };

    it.each([
      ['Support Dana Lee in District 3!', 'Support Dana Lee', 'configured-candidate'],
      ['Proud to endorse Councilmember Dana Lee.', 'endorse Councilmember Dana Lee', 'configured-candidate'],
      ['Dana Lee has my vote.', 'Dana Lee has my vote', 'configured-candidate'],
      ['Tom Reyes is a dangerous extremist.', 'Tom Reyes', 'configured-candidate-attack'],
      ["Reyes's plan is corrupt.", "Reyes's", 'configured-candidate-attack'],
      ['Go Green Party!', 'Go Green Party', 'configured-party'],
      ['Oppose Measure Q on Tuesday.', 'Oppose Measure Q', 'measure-call'],
      ['Measure Q: vote yes!', 'Measure Q: vote yes', 'configured-measure'],
      ['Show your support: #Reyes2024', '#Reyes2024', 'configured-hashtag'],
      ['#TeamLee all the way', '#TeamLee', 'configured-hashtag'],
    ])('flags %j', (text, excerpt, ruleId) => {
      expect(screen(political, text, config).map((h) => [h.excerpt, h.ruleId])).toContainEqual([excerpt, ruleId]);
    });

    it.each([
      'Councilmember Lee voted for the ordinance.',
      'Join Councilmember Lee at the ribbon cutting on Friday.',
      'Mayor Dana Lee signed the budget.',
      "Lee's proposal passed 5-2.",
      "Please support Councilmember Lee's toy drive.",
      'Candidate Tom Reyes will speak at the forum on Thursday.',
      'The Green Party convention is at the Expo Center; expect traffic delays.',
      'The Council will discuss Measure Q on Tuesday.',
      'Welcome back Lee! Support from residents made the park possible.',
    ])('does not flag the neutral mention %j', (text) => {
      expect(flagged(political, text, config)).toEqual([]);
    });

    it('only uses config names when configured', () => {
      expect(flagged(political, 'Support Dana Lee in District 3!')).toEqual([]);
    });
  });

  it('catches evasions and points at the original characters', () => {
    expect(flagged(political, 'V0te f0r Jane Smith!')).toEqual(['V0te f0r Jane Smith']);
    expect(flagged(political, 'Vоte for Jane Smith!')).toEqual(['Vоte for Jane Smith']); // Cyrillic о
    expect(flagged(political, 'Re\u200B-elect Mayor Smith')).toEqual(['Re\u200B-elect']);
    expect(flagged(political, 'R.E.E.L.E.C.T Mayor Smith')).toEqual(['R.E.E.L.E.C.T']);
    expect(flagged(political, 'Yes   on   Measure   B')).toEqual(['Yes   on   Measure   B']);
    expect(flagged(political, 'My 0pp0nent lies.')).toEqual(['My 0pp0nent']);
  });

  it('reports one finding per phrase, with clause, severity, message and suggestion', () => {
    const hits = screen(political, 'Vote yes on Measure B');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ clause: '6.1.14', severity: 'error', ruleId: 'measure-call', offset: 0, length: 21 });
    expect(hits[0]?.message).toMatch(/ballot measure/);
    expect(hits[0]?.suggestion.length).toBeGreaterThan(10);
    expect(ruleIds('Paid for by Friends of Jane Smith')).toEqual(['paid-for-by']);
  });

  it.each([
    ['near misses', worstCase('Vote for Jane Smith our campaign to canvass #VoteSmith #TeamX #PA17 Jane Smith for Mayor Paid for by chip in $5 Support Dana Lee extremist Measure Q yes ')],
    ['one long hashtag', worstCase('a', '#', '')],
    ['one long word before "forMayor"', worstCase('x', '', 'forMayor')],
    ['"Vote for"', worstCase('Vote for ')],
    ['names', worstCase('Bob Smith ')],
  ])('%s: 1 MB takes time linear in its size', (_name, make) => {
    const config = { candidates: ['Dana Lee'], parties: ['Green Party'], ballotMeasures: ['Measure Q'] };
    expectLinearTime((size) => bareDocument(make(size)), (doc) => political.check(doc, config));
  }, 120_000);
});
