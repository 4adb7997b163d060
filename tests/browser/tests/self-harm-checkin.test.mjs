// The daily check-in asks about self-harm only while the client is at risk (CLINICAL.md: their
// last PHQ-9 item 9 was above zero, or a safety flag in the last 90 days); the answer is
// optional, and "yes" shows the crisis resources at once, on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, launchBrowser, openJourney, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('self-harm-checkin');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const QUESTION = /better off dead, or of hurting yourself, today\?/;

async function checkIn(page, mood) {
  await page.locator('fieldset#mood').getByRole('radio', { name: mood }).check();
  await fill(page, 'Hours slept last night', '6');
  await page.getByRole('radio', { name: 'Taken as prescribed' }).check();
}

test('the check-in asks about self-harm while the client is at risk, and "yes" shows crisis help at once', { timeout: 300_000 }, async () => {
  const person = { name: 'Ines Park', email: `ines.${Date.now()}@example.org`, password: 'amber field window' };
  const j = await openJourney(browser, server, 'self-harm-checkin', { phone: true });
  const { page } = j;
  await page.goto('/signup');
  await fill(page, 'Your name', person.name);
  await fill(page, 'E-mail address', person.email);
  await fill(page, 'Password', person.password);
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');

  // Not at risk: no question.
  await j.goto('/checkin', 'check-in without the question');
  assert.equal(await page.getByText(QUESTION).count(), 0, 'asked without a reason');

  // A PHQ-9 with item 9 at "several days".
  await page.goto('/measures/phq9');
  const questions = page.locator('fieldset.question');
  const n = await questions.count();
  for (let i = 0; i < n; i += 1) await questions.nth(i).getByRole("radio").nth(1).check();
  await submit(page, 'See my result');
  assert.match(new URL(page.url()).pathname, /^\/results\//);

  // Now the check-in asks; leaving it unanswered is fine.
  await j.goto('/checkin', 'check-in with the question');
  assert.equal(await page.getByText(QUESTION).count(), 1, 'the question is not asked');
  await checkIn(page, '5');
  await submit(page, 'Save check-in');
  await expectPath(page, '/home', 'after a check-in without an answer');

  // "Yes": crisis resources at once.
  await page.goto('/checkin');
  await checkIn(page, '3');
  await page.locator('fieldset#self_harm').getByRole('radio', { name: 'Yes' }).check();
  await submit(page, 'Save check-in');
  const alert = await page.getByRole('alert').first().innerText();
  assert.match(alert, /988/);
  assert.doesNotMatch(alert, /your clinician has been told/i, 'a client without a care team was told "your clinician"');
  assert.match(await page.getByRole('main').innerText(), /Your check-in is saved/);
  await j.check('check-in answered yes: crisis help');
  await signOut(page);
  await j.finish();
});
