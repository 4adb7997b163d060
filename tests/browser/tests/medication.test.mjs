// Medication (issue 22), end to end: a client on an antidepressant rates their side effects
// (FIBSER) with a burden of 4 and checks in with a dose missed "because of side effects"; the
// prescriber (the psychiatrist on the care team) sees the side-effects flag and the reason
// together on the chart, and changes the dose; the client sees the new list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('medication');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const CLIENT = 'riley.chen@demo.rapport.test';
const PRESCRIBER = 'priya.natarajan@demo.rapport.test';

test('side effects and a missed dose reach the prescriber, who changes the dose', { timeout: 300_000 }, async () => {
  // The client, on a phone.
  const c = await openJourney(browser, server, 'medication-client', { phone: true });
  await c.page.goto('/login');
  await signIn(c.page, CLIENT, server.password);
  await expectPath(c.page, '/home', 'client sign-in');
  await c.goto('/medications', 'my medicines');
  const before = await c.page.getByRole('main').innerText();
  assert.match(before, /What you take now/);
  assert.doesNotMatch(before, /225 mg/, 'the new dose is there before the prescriber wrote it');

  await c.goto('/measures/fibser', 'fibser form');
  const questions = c.page.locator('fieldset.question');
  assert.equal(await questions.count(), 3, 'the FIBSER asks three questions');
  // Frequency 4, intensity 3, burden 4.
  for (const [i, v] of [[0, 4], [1, 3], [2, 4]]) {
    await questions.nth(i).locator(`input[type="radio"][value="${v}"]`).check();
  }
  assert.match(await c.page.getByRole('main').innerText(), /Lam/, 'the FIBSER notice is not shown with the items');
  await submit(c.page, 'See my result');
  assert.match(new URL(c.page.url()).pathname, /^\/results\//);
  assert.match(await c.page.getByRole('main').innerText(), /do not stop your medicine on your own/i);
  await c.check('fibser result');

  await c.goto('/checkin', 'check-in');
  await c.page.locator('fieldset#mood').getByRole('radio', { name: '5' }).check();
  await fill(c.page, 'Hours slept last night', '6');
  await c.page.getByRole('radio', { name: 'Missed' }).check();
  await c.page.locator('fieldset#missed_reason').getByRole('radio', { name: 'Side effects' }).check();
  await submit(c.page, 'Save check-in');
  await expectPath(c.page, '/home', 'after the check-in');
  await c.goto('/progress', 'progress with medicine week by week');
  const progress = await c.page.locator('#medicine').innerText();
  assert.match(progress, /side effects: 1/i, 'the progress page does not show the reason');
  await signOut(c.page);
  await c.finish();

  // The prescriber, on a desktop.
  const d = await openJourney(browser, server, 'medication-prescriber');
  await signInDemoStaff(d.page, PRESCRIBER, server.password);
  await d.page.getByRole('link', { name: 'Riley Chen' }).first().click();
  await d.page.waitForLoadState('load');
  const chartPath = new URL(d.page.url()).pathname;
  assert.match(chartPath, /^\/clients\/[0-9a-f-]+$/);
  await d.check('chart with side effects');
  const alerts = await d.page.locator('#alerts').innerText();
  assert.match(alerts, /side effects/i, 'no side-effects flag on the chart');
  const med = d.page.locator('#medication');
  const medText = await med.innerText();
  assert.match(medText, /4 of 6/, 'the burden is not on the chart');
  assert.match(medText, /side effects: 1/i, 'the missed-dose reason is not beside it');
  await keepScreenshot(d.page, 'medication-chart', med);
  await med.getByRole('link', { name: 'Change the list' }).click();
  await expectPath(d.page, `${chartPath}/medications`, 'the list from the chart');
  await d.check('medication list for the prescriber');
  await d.page.locator('#dose-0').fill('225 mg');
  await submit(d.page, 'Save the list');
  assert.match(await d.page.getByRole('status').first().innerText(), /new version/);
  await d.check('list saved');
  await keepScreenshot(d.page, 'medication-list-prescriber');
  await signOut(d.page);
  await d.finish();

  // The client sees the new list.
  const c2 = await openJourney(browser, server, 'medication-client-after', { phone: true });
  await c2.page.goto('/login');
  await signIn(c2.page, CLIENT, server.password);
  await c2.goto('/medications', 'my medicines after the change');
  const afterText = await c2.page.getByRole('main').innerText();
  assert.match(afterText, /225 mg/);
  assert.match(afterText, /Version 2/);
  await keepScreenshot(c2.page, 'medication-client');
  await signOut(c2.page);
  await c2.finish();
});

test('a night in the sleep diary shows its sleep efficiency', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'sleep-diary', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'alex.morgan@demo.rapport.test', server.password);
  await j.goto('/sleep', 'sleep diary');
  await fill(page, 'When did you go to bed?', '23:00');
  await fill(page, 'How many minutes did it take to fall asleep?', '30');
  await fill(page, 'Minutes awake in the night, in all', '30');
  await fill(page, 'When did you wake for the last time?', '08:00');
  await fill(page, 'When did you get up?', '07:00');
  await submit(page, 'Save');
  assert.equal(new URL(page.url()).pathname, '/sleep', 'an impossible night was accepted');
  assert.match(await page.getByRole('alert').first().innerText(), /between your bedtime and the time you got up/);
  assert.equal(await page.getByLabel('When did you go to bed?').inputValue(), '23:00', 'the form lost what was typed');
  await j.check('sleep diary with an error');
  await fill(page, 'When did you wake for the last time?', '06:30');
  await submit(page, 'Save');
  await expectPath(page, '/sleep', 'after saving a night');
  const text = await page.getByRole('main').innerText();
  assert.match(text, /81%/, 'the sleep efficiency is not shown');
  await j.check('sleep diary saved');
  await keepScreenshot(page, 'sleep-diary');
  await signOut(page);
  await j.finish();
});
