// Emergency access, "break glass" (issue 17): a clinician who is not on a client's care team
// finds the client by their exact e-mail address, gives a reason after the warning, and reads
// the record (read-only) under the banner "Emergency access until HH:MM"; the client then sees
// the opening, with the clinician's name and the reason, in "who opened my record".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, follow, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('emergency-access');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Not on triage duty (Daniel Reyes is), so a new client is not hers in any way.
const CLINICIAN = 'maya.okafor@demo.rapport.test';
const REASON = 'Her sister called: found confused at the station, the ED asks what she takes.';

test('a clinician off the care team opens a record in an emergency; the client sees it', { timeout: 300_000 }, async () => {
  const person = { name: 'Iris Vantongeren', email: `iris.${Date.now()}@example.org`, password: 'amber willow harbour' };

  // A client signs up (no care team yet).
  const c = await openJourney(browser, server, 'emergency-client-signup', { phone: true });
  await c.page.goto('/signup');
  await fill(c.page, 'Your name', person.name);
  await fill(c.page, 'E-mail address', person.email);
  await fill(c.page, 'Password', person.password);
  const boxes = c.page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(c.page, 'Create account');
  await expectPath(c.page, '/home', 'after creating an account');
  await signOut(c.page);
  await c.finish();

  // The clinician, from her home page.
  const d = await openJourney(browser, server, 'emergency-clinician');
  await signInDemoStaff(d.page, CLINICIAN, server.password);
  await follow(d.page, 'Emergency access');
  await expectPath(d.page, '/emergency-access', 'the link from the clinician\'s home');
  await d.check('emergency access page');
  // A part of a name finds nobody.
  await fill(d.page, "The client's e-mail address or full name", 'Iris');
  await submit(d.page, 'Find');
  assert.match(await d.page.locator('#found').innerText(), /Nobody found/);
  await fill(d.page, "The client's e-mail address or full name", person.email);
  await submit(d.page, 'Find');
  const found = d.page.locator('#found');
  assert.match(await found.innerText(), new RegExp(person.name));
  assert.match(await found.getByRole('note').innerText(), /told at once to the client's care team and the practice lead/);
  await d.check('client found, the warning and the reason');
  // Too short a reason: refused on the field, what was typed kept.
  await fill(d.page, `Why must you open ${person.name}'s record now?`, 'urgent');
  await submit(d.page, 'Open the record for one hour');
  assert.match(await d.page.locator('.error-summary').innerText(), /at least 10 characters/);
  const reason = d.page.getByLabel(`Why must you open ${person.name}'s record now?`);
  assert.equal(await reason.inputValue(), 'urgent');
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await reason.fill(REASON);
  await submit(d.page, 'Open the record for one hour');
  await expectPath(d.page, /^\/clients\//, 'the record after opening');
  const banner = await d.page.locator('#emergency-banner').innerText();
  assert.match(banner, /Emergency access until \d\d:\d\d/);
  assert.equal(await d.page.getByRole('heading', { level: 1 }).innerText(), person.name);
  assert.equal(await d.page.getByRole('link', { name: 'Record a risk assessment' }).count(), 0, 'no write actions');
  assert.equal(await d.page.getByRole('button', { name: /save|schedule|assign/i }).count(), 0, 'no write buttons');
  await d.check('the record under emergency access');
  await keepScreenshot(d.page, 'emergency-access');
  await d.goto('/emergency-access', 'emergency access with a record open');
  assert.match(await d.page.locator('#active').innerText(), new RegExp(`${person.name}.*until \\d\\d:\\d\\d`));
  await signOut(d.page);
  await d.finish();

  // The client: who opened my record.
  const e = await openJourney(browser, server, 'emergency-client-log', { phone: true });
  await e.page.goto('/login');
  await signIn(e.page, person.email, person.password);
  await expectPath(e.page, '/home', 'the client signed in');
  await e.goto('/account/access-log', 'who opened my record');
  const row = e.page.getByRole('row').filter({ hasText: 'Opened your record in an emergency' }).first();
  const text = await row.innerText();
  assert.match(text, /Maya Okafor/);
  assert.match(text, /emergency access/);
  assert.match(text, /found confused at the station/);
  await signOut(e.page);
  await e.finish();
});
