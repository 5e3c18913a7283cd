#!/usr/bin/env node
'use strict';
/**
 * Writes test/fixtures/schedule-100.csv: a week of scheduled posts as a Hootsuite/Buffer-style export
 * (Date, Time, Network, Message, Link, Title, Image URL, Image Alt Text, First Comment), 100 rows, deterministic.
 * Most rows are ordinary City posts; a few break a clause in the message or in another published field.
 * Used for the line-width figures of the terminal report and by the batch tests.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const CLEAN = [
  'Join us Saturday at 10 AM for the grand reopening of Riverside Park! Free hot dogs, music and games for the whole family.',
  'The library will be closed Monday for the holiday. Book drops stay open and due dates move to Tuesday.',
  'Street sweeping resumes on the east side this week. Please move vehicles from posted blocks between 8 AM and noon.',
  'Leaf pickup starts November 4. Rake leaves to the curb, not into the street, so storm drains stay clear.',
  'The pool opens for the summer season on June 1. Swim lessons registration is open now at the recreation center.',
  'Council meets Tuesday at 7 PM in City Hall chambers. The agenda and livestream are on the City website.',
  'Water main repairs on Oak Street will close one lane from 9 AM to 3 PM on Thursday. Expect short delays.',
  'Thank you to the 140 volunteers who planted trees along the river trail this weekend!',
];
const NETWORKS = ['Facebook', 'Instagram', 'X', 'LinkedIn', 'Nextdoor'];
const PROBLEMS = {
  7: { message: 'Update on the budget.\nCONFIDENTIAL: draft figures for the council retreat' },
  19: { message: 'Great turnout at the candidate forum tonight! Re-elect Mayor Jane Smith on November 5. #Smith2026' },
  33: { message: 'New photos from the harvest festival are up!', alt: 'CONFIDENTIAL draft photo. Re-elect Mayor Smith banner on the stage' },
  48: { message: 'Our partners at the Riverside Arts Festival have details on the weekend schedule.', link: 'https://riversidearts.example.org/festival' },
  61: { message: 'Volunteer orientation is Thursday.', comment: 'The shared drive password: Tr33House!2024 if you need the forms' },
  77: { message: 'Use code CITY20 for 20% off at Main Street Pizza this weekend, the best pizza in town!' },
  90: { message: 'A 2024 study found 73% of residents support the new bike lanes.' },
};

function csvField(value) {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const rows = [['Date', 'Time', 'Network', 'Message', 'Link', 'Title', 'Image URL', 'Image Alt Text', 'First Comment']];
for (let i = 0; i < 100; i += 1) {
  const day = 1 + Math.floor(i / 15);
  const time = `${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
  const problem = PROBLEMS[i] ?? {};
  const message = problem.message ?? CLEAN[i % CLEAN.length];
  const link = problem.link ?? (i % 3 === 0 ? 'https://www.cottonwood.gov/news' : '');
  const image = i % 4 === 0 || problem.alt !== undefined;
  const alt = problem.alt ?? (image && i % 8 !== 0 ? 'Families at the park reopening on a sunny morning' : '');
  rows.push([`2026-12-${String(day).padStart(2, '0')}`, time, NETWORKS[i % NETWORKS.length], message, link, i % 5 === 0 ? 'City update' : '', image ? `https://www.cottonwood.gov/media/photo-${i}.jpg` : '', alt, problem.comment ?? '']);
}
const out = join(__dirname, '..', 'test', 'fixtures', 'schedule-100.csv');
writeFileSync(out, `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`);
console.log(`wrote ${out}`);
