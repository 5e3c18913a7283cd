import { citations } from '../../src/screeners/citations';
import { bareDocument, expectLinearTime, flagged, screen, worstCase } from '../helpers';

describe('citations screener (6.1.5)', () => {
  it.each([
    ['Crime fell 23% last year.', '23%', 'unsourced-statistic'],
    ['Studies show that kids who read daily do better in school.', 'Studies show', 'unsourced-research'],
    ['Research proves that bike lanes save lives.', 'Research proves', 'unsourced-research'],
    ['Experts say the drought will last another year.', 'Experts say', 'unsourced-research'],
    ['Studies have consistently shown that trees cool streets.', 'Studies have consistently shown', 'unsourced-research'],
    ['It is estimated that 1 in 3 homes lack smoke alarms.', 'It is estimated', 'unsourced-research'],
    ['Most residents support the new park plan.', 'Most residents support', 'unsourced-statistic'],
    ['Distracted driving is the leading cause of crashes.', 'leading cause', 'unsourced-statistic'],
    ['Speeding is the #1 cause of crashes in Cottonwood.', '#1 cause', 'unsourced-statistic'],
    ['Heat is the No. 1 weather killer in Arizona.', 'No. 1 weather killer', 'unsourced-statistic'],
    ['3 out of 4 residents recycle.', '3 out of 4', 'unsourced-statistic'],
    ['One in five children lives in poverty.', 'One in five', 'unsourced-statistic'],
    ['Drivers are twice as likely to crash when texting.', 'twice as likely', 'unsourced-statistic'],
    ['Cottonwood is the safest city in the state.', 'the safest', 'unsourced-statistic'],
    ['Burglaries dropped from 340 to 210 this year.', 'dropped from 340', 'unsourced-statistic'],
    ['Over 12,000 residents lack health insurance.', '12,000 residents', 'unsourced-statistic'],
    ['22 veterans a day die by suicide.', '22 veterans a day', 'unsourced-statistic'],
    ['855 houses have collapsed in the valley.', '855 houses have collapsed', 'unsourced-statistic'],
    ['Residents keep telling us "the traffic on Main Street is the worst it has ever been."', '"the traffic on Main Street is the worst it has ever been."', 'unattributed-quote'],
    ['Great turnout at the parade today! 📷', '📷', 'uncredited-photo'],
    ['Sunset over the river.\nPhoto:', 'Photo:', 'uncredited-photo'],
    ['Image from Google.', 'Image from Google', 'uncredited-photo'],
  ])('flags %j', (text, excerpt, ruleId) => {
    const hits = screen(citations, text);
    expect(hits.map((h) => h.excerpt)).toEqual([excerpt]);
    expect(hits[0]?.ruleId).toBe(ruleId);
  });

  it.each([
    ['El crimen bajó un 23% el año pasado.', '23%'],
    ['Los estudios muestran que leer ayuda a los niños.', 'estudios muestran'],
    ['La mayoría de los residentes apoya el plan.', 'La mayoría de los residentes apoya'],
  ])('flags Spanish %j', (text, excerpt) => {
    expect(flagged(citations, text)).toEqual([excerpt]);
  });

  it.each([
    // The City's own operational facts.
    'The pool opens at 9 am.',
    '3 lanes closed on Main St until 5 pm.',
    '45 new trees planted today in Elm Park!',
    'The budget is $4.2 million for fiscal year 2025.',
    'A 34-year-old man was arrested on Oak Street.',
    'Two men were arrested following a robbery.',
    'Call 555-0100 or visit City Hall at 123 Main St.',
    'Council meets Tuesday, March 4 at 6 pm in Chambers.',
    'Get 20% off season passes through Friday!',
    'The sales tax rate is 8.25%.',
    'Water rates will increase 3% on July 1.',
    'The fire is 40% contained.',
    'Open 7 days a week, 9-5 every day.',
    'Trash is collected 2 times a week.',
    'Buses run every 15 minutes.',
    'We plant 500 trees every year.',
    'Over 1,000 residents attended the fair!',
    'Our crews filled 1,200 potholes this spring.',
    'Fall Festival on October 12 at Central Park, 10-2.',
    'The library increased hours to 9 pm on weekdays.',
    'Fares increase by 25 cents on July 1.',
    'Zones 3 and 4 are under evacuation orders.',
    'We are 100% committed to safety.',
    'Join us for "A Night Under the Stars at Central Park" on Friday!',
    // Attributed claims.
    "Crime fell 23% last year, according to the Police Department's annual report.",
    'Studies show kids who read daily do better (Source: National Reading Panel, 2023).',
    'Most residents support the plan, per the 2024 Community Survey.',
    '3 out of 4 residents recycle. Details: https://cottonwood.gov/recycling',
    'Speeding is the #1 cause of crashes, Chief Ramirez said.',
    '"The new park is for everyone and we are proud of it," said Mayor Lee.',
    '"The new park is for everyone and we are proud of it." — Mayor Lee',
    'Mayor Lee: "This budget invests in every neighborhood and keeps our streets safe."',
    '"Keep an eye on your neighbors this winter and check on them often." @CottonwoodPD',
    'Photo: Jane Doe / City of Cottonwood',
    '📷: @janedoe',
    'Photo courtesy of the Cottonwood Historical Society.',
    'Ravens visit the White House (Photos) http://t.co/abc via @BaltBizOnline',
  ])('does not flag %j', (text) => {
    expect(flagged(citations, text)).toEqual([]);
  });

  it('catches evasions and points at the original characters', () => {
    expect(flagged(citations, '5tudi3s sh0w that kids who read do better.')).toEqual(['5tudi3s sh0w']);
    expect(flagged(citations, 'Stu\u200Bdies show that kids who read do better.')).toEqual(['Stu\u200Bdies show']);
    expect(flagged(citations, 'Ѕtudies show that kids who read do better.')).toEqual(['Ѕtudies show']);
  });

  it('reports one warning per sentence, with clause, message, suggestion and the exact span', () => {
    const text = 'Great news! Crime fell 23% and 3 out of 4 residents feel safe.';
    const hits = screen(citations, text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ clause: '6.1.5', severity: 'warning', ruleId: 'unsourced-statistic', offset: 31, length: 10 });
    expect(hits[0]?.message).toMatch(/source/i);
    expect(hits[0]?.suggestion).toMatch(/according to|source/i);
  });

  it('treats an attribution anywhere in the post as covering it, except inside the claim itself', () => {
    expect(flagged(citations, 'Crime fell 23% last year. Source: Police Department annual report.')).toEqual([]);
    expect(flagged(citations, 'Experts say the drought will last another year.')).toEqual(['Experts say']);
  });

  it.each([
    ['claims, counts and quotes', worstCase('1,000 people 23% fell 3 out of 4 studies show "a b c d e f ')],
    ['numbers with commas and dashes', worstCase('1,a-')],
    ['repeated claims', worstCase('Crime fell 23%. ')],
    ['numbers', worstCase('1 ')],
    // Credit lines: two runs of spaces side by side (or a lookbehind over one) once retried every split.
    ['a quote before spaces', worstCase(' ', '"')],
    ['a dash before spaces', worstCase(' ', '~')],
    ['"via" before spaces', worstCase(' ', 'via')],
    ['"photo" before spaces', worstCase(' ', 'Photo')],
  ])('%s: 1 MB takes time linear in its size', (_name, make) => {
    expectLinearTime((size) => bareDocument(make(size)), (doc) => citations.check(doc, {}));
  }, 120_000);
});
