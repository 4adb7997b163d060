// Medication reviews and the doctor (issue 22), end to end: the prescriber books a medication
// review with a client from the session form; the client lists questions before it on their
// medicines page and lets the care team print the summary for their doctor; the prescriber
// sees the questions on the session and prints the one-page summary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('medication-review');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const CLIENT = 'riley.chen@demo.rapport.test';
const PRESCRIBER = 'priya.natarajan@demo.rapport.test';

const pathOf = (page) => new URL(page.url()).pathname;

test('questions before a medication review reach the prescriber; the summary needs consent', { timeout: 300_000 }, async () => {
  // The prescriber books a medication review, two days ahead.
  const d = await openJourney(browser, server, 'medication-review-prescriber');
  await signInDemoStaff(d.page, PRESCRIBER, server.password);
  const riley = d.page.locator('main a[href^="/clients/"]', { hasText: 'Riley Chen' }).first();
  const chart = new URL(await riley.getAttribute('href'), server.url).pathname.split('?')[0];
  await d.page.goto(`${chart}/sessions/new`);
  const radio = (legend, name) => d.page.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name, exact: true });
  await radio('Kind of session', 'Medication review').check();
  await radio('How it happens', 'By phone').check();
  await fill(d.page, 'Place or meeting link', '');
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  await fill(d.page, 'Date', day);
  await fill(d.page, 'Time', '10:00');
  await fill(d.page, 'Length in minutes', '30');
  await fill(d.page, 'Repeat weekly for how many weeks', '1');
  await submit(d.page, 'Schedule');
  if (pathOf(d.page).endsWith('/sessions/new')) {
    const problem = d.page.locator('.error-summary');
    assert.equal(await problem.count(), 0, `scheduling refused: ${(await problem.count()) ? await problem.innerText() : ''}`);
    await submit(d.page, 'Book anyway');
  }
  await expectPath(d.page, /^\/sessions\/[0-9a-f-]{36}$/, 'after booking the review');
  const sessionPath = pathOf(d.page);
  assert.match(await d.page.locator('main').innerText(), /Medication review/);
  // Without the client's consent, the summary is not offered.
  await d.goto(`${chart}/medications`, 'the list before consent');
  assert.match(await d.page.locator('#summary').innerText(), /has not agreed/);
  await signOut(d.page);
  await d.finish();

  // The client lists questions and consents, on a phone.
  const c = await openJourney(browser, server, 'medication-review-client', { phone: true });
  await c.page.goto('/login');
  await signIn(c.page, CLIENT, server.password);
  await c.goto('/medications', 'my medicines with a review coming');
  const box = c.page.getByLabel(/Questions and side effects to raise/);
  assert.equal(await box.count(), 1, 'no questions box for the upcoming review');
  await box.fill('I feel sick after the morning dose.\nCan I take it at night instead?');
  await submit(c.page, 'Save my questions');
  assert.match(await c.page.getByRole('status').first().innerText(), /questions are saved/);
  assert.match(await c.page.getByLabel(/Questions and side effects to raise/).inputValue(), /take it at night/);
  await submit(c.page, 'Let my care team print it');
  assert.match(await c.page.getByRole('status').first().innerText(), /may now print/);
  await c.check('medicines after questions and consent');
  await signOut(c.page);
  await c.finish();

  // The prescriber sees the questions on the session, and prints the summary.
  const p = await openJourney(browser, server, 'medication-review-prescriber-after');
  await signInDemoStaff(p.page, PRESCRIBER, server.password);
  await p.goto(sessionPath, 'the review with the questions');
  const questions = await p.page.locator('.review-questions').innerText();
  assert.match(questions, /sick after the morning dose/);
  assert.match(questions, /take it at night instead/);
  await p.goto(`${chart}/medications`, 'the list after consent');
  await p.page.locator('#summary').getByRole('link', { name: 'Open the summary to print' }).click();
  await p.page.waitForLoadState('load');
  await expectPath(p.page, `${chart}/medications/summary`, 'the summary');
  const summary = await p.page.locator('main').innerText();
  assert.match(summary, /Summary for the doctor/);
  assert.match(summary, /Medicines taken now/);
  assert.match(summary, /PHQ-9/);
  await p.check('summary for the doctor');
  await keepScreenshot(p.page, 'medication-gp-summary');
  await signOut(p.page);
  await p.finish();
});
