// A flag always reaches a person: a new client, with no care team yet, answers a PHQ-9 with
// item 9 above zero on a phone and is told truthfully who was told; the clinician on triage
// duty finds the alert marked in the inbox and takes the client on; the administrator sees
// who is on triage duty.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, launchBrowser, openJourney, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('triage');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const TRIAGE = 'daniel.reyes@demo.rapport.test';
const ADMIN = 'admin@demo.rapport.test';

test('a new client\'s safety alert reaches the clinician on triage duty, who takes them on', { timeout: 300_000 }, async () => {
  const person = { name: 'Noor Haddad', email: `noor.${Date.now()}@example.org`, password: 'quiet river lantern' };

  // The new client, on a phone.
  const c = await openJourney(browser, server, 'triage-client', { phone: true });
  await c.page.goto('/signup');
  await fill(c.page, 'Your name', person.name);
  await fill(c.page, 'E-mail address', person.email);
  await fill(c.page, 'Password', person.password);
  const boxes = c.page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(c.page, 'Create account');
  await expectPath(c.page, '/home', 'after creating an account');
  await c.goto('/measures/phq9', 'phq9 form for a new client');
  const questions = c.page.locator('fieldset.question');
  const n = await questions.count();
  for (let i = 0; i < n; i += 1) await questions.nth(i).getByRole('radio').nth(i === 8 ? 1 : 2).check();
  await submit(c.page, 'See my result');
  assert.match(new URL(c.page.url()).pathname, /^\/results\//);
  const alert = (await c.page.getByRole('alert').first().innerText());
  assert.match(alert, /988/);
  assert.match(alert, /a clinician at your practice has been told/i);
  assert.doesNotMatch(alert, /your clinician has been told/i, 'a client without a care team was told "your clinician"');
  await c.check('result for a client without a care team');
  await signOut(c.page);
  await c.finish();

  // The clinician on triage duty.
  const d = await openJourney(browser, server, 'triage-clinician');
  await signInDemoStaff(d.page, TRIAGE, server.password);
  assert.ok(await d.page.locator('.critical-banner').isVisible(), 'no critical banner for the triage clinician');
  await d.goto('/alerts', 'inbox with a triage alert');
  const card = d.page.locator('article.alert').filter({ hasText: person.name }).first();
  const text = await card.innerText();
  assert.match(text, /critical/i);
  assert.match(text, /No care team yet/);
  await d.check('inbox with a triage alert');
  await card.getByRole('button', { name: `Take on ${person.name} as their therapist` }).click();
  await expectPath(d.page, '/alerts', 'after taking the client on');
  const after = await d.page.locator('article.alert').filter({ hasText: person.name }).first().innerText();
  assert.doesNotMatch(after, /No care team yet/, 'the alert is still marked as triage after taking the client on');
  await d.page.locator('article.alert').filter({ hasText: person.name }).first().getByRole('link', { name: person.name }).click();
  assert.match(new URL(d.page.url()).pathname, /^\/clients\//);
  await d.check('chart of the client taken on');
  await signOut(d.page);
  await d.finish();

  // The administrator sees who is on duty.
  const a = await openJourney(browser, server, 'triage-admin');
  await signInDemoStaff(a.page, ADMIN, server.password);
  await a.page.goto('/admin/triage');
  const box = a.page.getByRole('checkbox', { name: 'Daniel Reyes, LCSW' });
  assert.ok(await box.isChecked(), 'Daniel is not shown on triage duty');
  assert.equal(await a.page.getByText('Nobody is on triage duty').count(), 0);
  await box.uncheck();
  await submit(a.page, 'Save triage duty');
  await expectPath(a.page, '/admin/triage', 'after saving triage duty');
  assert.ok((await a.page.getByText('Nobody is on triage duty').count()) >= 1, 'no warning when nobody is on triage duty');
  await a.check('admin with nobody on triage duty');
  await signOut(a.page);
  await a.finish();
});
