// Administration at the size of a real service (issue 17): the administrator opens the hub,
// finds an account by search and pages through the accounts, makes a clinician practice
// lead, adds a client found by search (not picked from a list of every client) to a care
// team, and changes an instance setting (the crisis page then shows the instance's lines).
// The accounts page fits a 390 px phone without sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, follow, keepScreenshot, launchBrowser, openJourney, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('administration');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@demo.rapport.test';

test('an administrator searches, pages, makes a practice lead, adds a client found by search to a care team and changes a setting', { timeout: 300_000 }, async () => {
  // A new client, with no care team yet.
  const person = { name: 'Ines Vasquez-Moreau', email: `ines.${Date.now()}@example.org`, password: 'amber meadow violin' };
  const c = await openJourney(browser, server, 'administration-client');
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

  const a = await openJourney(browser, server, 'administration-admin');
  await signInDemoStaff(a.page, ADMIN, server.password);
  await a.check('the administration hub');
  assert.match(await a.page.getByRole('main').innerText(), /\d+ clients?, \d+ clinicians?/, 'the hub shows no account counts');

  // Search an account by the beginnings of two words of her name.
  await follow(a.page, 'Accounts');
  await expectPath(a.page, '/admin/users', 'the Accounts card');
  await fill(a.page, 'Name or e-mail address', 'vasq ine');
  await submit(a.page, 'Search');
  assert.match(await a.page.locator('#results-heading').innerText(), /^1 account$/);
  assert.match(await a.page.locator('li.account').first().innerText(), new RegExp(person.email.replace(/[.]/g, '\\.')));
  await a.check('accounts: one found');

  // Page through everyone, five a page.
  await a.page.goto('/admin/users?per_page=5');
  const first = await a.page.locator('#page-of').innerText();
  const m = first.match(/^Page 1 of (\d+)$/);
  assert.ok(m && Number(m[1]) >= 2, `not several pages: ${first}`);
  await follow(a.page, /^Next page/);
  assert.equal(await a.page.locator('#page-of').innerText(), `Page 2 of ${m[1]}`);
  await a.check('accounts: page 2');

  // Make a clinician practice lead.
  await a.page.goto('/admin/users?q=daniel&role=clinician');
  const daniel = a.page.locator('li.account').filter({ hasText: 'daniel.reyes@demo.rapport.test' });
  await daniel.locator('summary').click();
  await daniel.getByRole('button', { name: /Make practice lead/ }).click();
  await a.page.waitForLoadState('load');
  assert.match(await a.page.locator('.notice.success').innerText(), /now a practice lead/);
  assert.match(await a.page.locator('li.account').filter({ hasText: 'daniel.reyes@demo.rapport.test' }).innerText(), /practice lead/);
  assert.match(new URL(a.page.url()).search, /q=daniel/, 'the page came back to another search');
  await keepScreenshot(a.page, 'admin-users');

  // The new client, found by search, joins Maya's care team.
  await a.page.goto('/admin');
  await follow(a.page, 'Care teams');
  await expectPath(a.page, '/admin/care-teams', 'the Care teams card');
  await fill(a.page, "Client's name or e-mail address", 'ines vasq');
  await fill(a.page, "Clinician's name or e-mail address", 'maya');
  await submit(a.page, 'Find');
  const client = a.page.getByRole('radio', { name: new RegExp(person.name) });
  assert.equal(await client.count(), 1, 'the client is not offered');
  await client.check();
  await a.page.getByRole('radio', { name: /Maya Okafor/ }).check();
  await a.check('care teams: chosen');
  await submit(a.page, 'Add to care team');
  await expectPath(a.page, '/admin/care-teams', 'after adding');
  assert.match(await a.page.locator('.notice.success').innerText(), /added|care team/i);

  // A setting: a bad country is refused with what was typed kept; then the UK's line.
  await a.page.goto('/admin/settings');
  await fill(a.page, "The instance's country", 'U');
  await fill(a.page, 'Crisis lines, one a line', 'GB | Samaritans (call, any time) | tel:116123 | Call 116 123');
  await submit(a.page, 'Save settings');
  assert.match(await a.page.locator('.error-summary').innerText(), /two-letter code/);
  assert.equal(await a.page.locator('#country').getAttribute('aria-invalid'), 'true');
  assert.match(await a.page.locator('#crisis_lines').inputValue(), /Samaritans/);
  await a.check('settings with an error');
  await fill(a.page, "The instance's country", 'GB');
  await submit(a.page, 'Save settings');
  assert.match(await a.page.locator('.notice.success').innerText(), /saved/);
  await a.page.goto('/crisis');
  const crisis = await a.page.getByRole('main').innerText();
  assert.match(crisis, /Samaritans/);
  assert.doesNotMatch(crisis, /988/);
  await signOut(a.page);
  await a.finish();

  // On a phone: the hub, the accounts and the care teams fit 390 px.
  const p = await openJourney(browser, server, 'administration-phone', { phone: true });
  await signInDemoStaff(p.page, ADMIN, server.password);
  await p.check('hub on a phone');
  await p.goto('/admin/users?q=daniel', 'accounts on a phone');
  await p.page.locator('li.account summary').first().click();
  await p.check('an account opened on a phone');
  await p.goto('/admin/care-teams?client_q=ines&clinician_q=maya', 'care teams on a phone');
  await p.goto('/admin/audit', 'audit log on a phone');
  await p.goto('/admin/settings', 'settings on a phone');
  await signOut(p.page);
  await p.finish();
});
