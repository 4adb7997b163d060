// Measurement-based care, the safety path end to end: a client answers a PHQ-9 with item 9
// above zero and sees what to do now on the result page; their clinician sees the critical
// alert first and acknowledges it with a note; the client's access log shows both.
// Also: the daily check-in on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, heading, launchBrowser, openJourney, signIn, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';
import { waitForRoomInStep } from '../lib/totp.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('measures');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const CLIENT = 'alex.morgan@demo.rapport.test';
const CLINICIAN = 'maya.okafor@demo.rapport.test';

async function demoCode(page, email) {
  await waitForRoomInStep(5);
  await page.goto('/login');
  const row = page.getByRole('row').filter({ hasText: email });
  const text = (await row.first().innerText()).replace(email, ' ');
  const m = text.match(/(?<!\d)(\d{6})(?!\d)/);
  assert.ok(m, `no code for ${email} on the demo login page`);
  return m[1];
}

test('a positive item 9 shows crisis help at once and reaches the clinician first', { timeout: 300_000 }, async () => {
  const password = server.password;

  // The client, on a phone.
  const c = await openJourney(browser, server, 'safety-client', { phone: true });
  await c.page.goto('/login');
  await signIn(c.page, CLIENT, password);
  await expectPath(c.page, '/home', 'client sign-in');
  await c.check('client home with what is due');
  await c.goto('/measures/phq9', 'phq9 form');
  const questions = c.page.locator('fieldset.question');
  const n = await questions.count();
  assert.equal(n, 10, 'the PHQ-9 page asks 9 scored questions and the difficulty one');
  for (let i = 0; i < n; i += 1) {
    // Item 9 (index 8): "Several days"; the others "More than half the days"; difficulty "Somewhat".
    const choice = i === 8 ? 1 : i === 9 ? 1 : 2;
    await questions.nth(i).getByRole('radio').nth(choice).check();
  }
  await submit(c.page, 'See my result');
  assert.match(new URL(c.page.url()).pathname, /^\/results\//);
  const alert = c.page.getByRole('alert');
  assert.ok((await alert.count()) >= 1, 'the result page has no alert region for item 9');
  const text = await alert.first().innerText();
  assert.match(text, /988/);
  assert.match(text, /911/);
  assert.match(text, /clinician has been told/i);
  assert.ok((await c.page.locator('a[href="tel:988"]').count()) >= 1, 'no tel:988 link');
  await c.check('result with crisis guidance');
  await signOut(c.page);
  await c.finish();

  // The clinician, on a desktop.
  const d = await openJourney(browser, server, 'safety-clinician');
  const code = await demoCode(d.page, CLINICIAN);
  await signIn(d.page, CLINICIAN, password);
  await fill(d.page, 'Code from your authenticator app', code);
  await submit(d.page, 'Verify');
  await expectPath(d.page, '/home', 'clinician sign-in');
  const banner = d.page.locator('.critical-banner');
  assert.ok(await banner.isVisible(), 'no critical banner on the clinician home');
  await d.check('clinician home with critical banner');
  await d.page.getByRole('link', { name: 'Open alerts' }).click();
  await expectPath(d.page, '/alerts', 'the banner link');
  const first = d.page.locator('article.alert').first();
  const firstText = await first.innerText();
  assert.match(firstText, /critical/i, 'the first alert is not the critical one');
  assert.match(firstText, /Alex Morgan/);
  assert.match(firstText, /item 9 = 1/);
  await d.check('alert inbox critical first');
  await first.getByLabel('What did you do, or what will you do?').fill('Called Alex the same hour; safe tonight; safety plan reviewed; session moved to tomorrow.');
  await first.getByRole('button', { name: 'Acknowledge' }).click();
  await expectPath(d.page, '/alerts', 'after acknowledging');
  assert.equal(await d.page.locator('.critical-banner').count(), 0, 'the critical banner stays after acknowledging');
  await d.check('inbox after acknowledging');
  await d.page.getByRole('link', { name: 'Alex Morgan' }).first().click();
  assert.match(await heading(d.page), /Alex Morgan/);
  assert.ok((await d.page.locator('figure.chart-figure svg[role="img"]').count()) >= 1, 'the chart page has no chart');
  await d.check('client chart');
  await signOut(d.page);
  await d.finish();

  // Back to the client: the access log shows the questionnaire and the acknowledgement.
  const c2 = await openJourney(browser, server, 'safety-access-log', { phone: true });
  await c2.page.goto('/login');
  await signIn(c2.page, CLIENT, password);
  await c2.goto('/account/access-log', 'access log');
  const log = await c2.page.getByRole('main').innerText();
  assert.match(log, /Answered a questionnaire/);
  assert.match(log, /Dr\. Maya Okafor/);
  assert.match(log, /Acknowledged an alert about you/);
  await signOut(c2.page);
  await c2.finish();
});

test('the daily check-in takes a few taps on a phone', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'checkin', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'sam.patel@demo.rapport.test', server.password);
  await j.goto('/checkin', 'check-in form');
  await submit(page, 'Save check-in');
  assert.equal(page.url().endsWith('/checkin'), true, 'an empty check-in was accepted');
  await j.check('check-in with errors');
  await page.locator('fieldset#mood').getByRole('radio', { name: '6' }).check();
  await fill(page, 'Hours slept last night', '7.5');
  await page.getByRole('radio', { name: 'Taken as prescribed' }).check();
  await submit(page, 'Save check-in');
  await expectPath(page, '/home', 'after the check-in');
  assert.match(await page.getByRole('status').first().innerText(), /Check-in saved/);
  await j.check('home after check-in');
  await j.goto('/progress', 'progress');
  await signOut(page);
  await j.finish();
});

test('an incomplete PHQ-9 with item 9 answered still shows crisis help with the form', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'safety-incomplete', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'jordan.lee@demo.rapport.test', server.password);
  await page.goto('/measures/phq9');
  const questions = page.locator('fieldset.question');
  // Questions 1, 4 and 6 left out: too many to score; item 9 "More than half the days".
  for (const i of [1, 2, 4, 6, 7]) await questions.nth(i).getByRole('radio').nth(1).check();
  await questions.nth(8).getByRole('radio').nth(2).check();
  await submit(page, 'See my result');
  assert.equal(new URL(page.url()).pathname, '/measures/phq9', 'an unscorable PHQ-9 was accepted');
  const alert = page.getByRole('alert').filter({ hasText: '988' });
  assert.ok((await alert.count()) >= 1, 'no crisis guidance on the form sent back');
  assert.ok(await questions.nth(8).getByRole('radio').nth(2).isChecked(), 'the answer to item 9 was lost');
  await j.check('incomplete phq9 with crisis guidance');
  await signOut(page);
  await j.finish();
});
