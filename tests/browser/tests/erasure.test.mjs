// Erasure (issue 17, item 4): a client reads what deleting their account removes and keeps,
// asks (with a confirm step) and keeps the receipt code; the administrator finds the request on
// /admin/erasure-requests with the retention rule and carries it out (with a confirm); the
// client's sign-in then fails, and the receipt code still shows what was removed and kept.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, follow, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('erasure');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@demo.rapport.test';

test('a client asks for deletion, the administrator carries it out, the sign-in then fails', { timeout: 300_000 }, async () => {
  const person = server.account('client');
  assert.ok(person?.email, 'the demo has a client');

  // The client, on a phone: the account page leads to "Delete my account".
  const c = await openJourney(browser, server, 'erasure-client', { phone: true });
  await signIn(c.page, person.email, server.password);
  await expectPath(c.page, '/home', 'the client after signing in');
  await c.goto('/account', 'account page');
  await follow(c.page, 'Delete my account');
  await expectPath(c.page, '/account/delete', 'the link on the account page');
  await c.check('what deleting removes and keeps');
  const before = await c.page.locator('main').innerText();
  assert.match(before, /Removed at once/);
  assert.match(before, /Kept for 7 years after your last contact/);
  assert.ok(await c.page.getByRole('link', { name: 'Download my data' }).count() >= 1, 'the export is suggested first');

  await follow(c.page, 'Continue to delete my account');
  await c.check('the confirm step');
  await fill(c.page, 'Why? (you do not have to say)', 'Moving abroad.');
  await submit(c.page, 'Yes, ask for my account to be deleted');
  await expectPath(c.page, '/account/delete', 'after asking');
  const code = await c.page.getByLabel('Your receipt code').inputValue();
  assert.ok(code.length >= 40, `a receipt code is shown: ${code}`);
  assert.equal(await c.page.locator('#erasure-status [data-status]').getAttribute('data-status'), 'requested');
  await c.check('the request sent, with its receipt code');
  await signOut(c.page);
  await c.finish();

  // The administrator: the request with the rule, carried out after a confirm.
  const a = await openJourney(browser, server, 'erasure-admin');
  await signInDemoStaff(a.page, ADMIN, server.password);
  await a.goto('/admin/erasure-requests', 'erasure requests');
  const item = a.page.locator('.erasure-request').filter({ hasText: person.email });
  assert.equal(await item.count(), 1, 'the request is listed with the account\'s e-mail');
  const text = await item.innerText();
  assert.match(text, /kept 7 years after the last contact: until/);
  assert.doesNotMatch(text, /Moving abroad/, 'the administrator never sees the client\'s reason');
  await keepScreenshot(a.page, 'erasure-admin');
  await item.getByRole('link', { name: 'Handle this request' }).click();
  await a.check('handle the request');
  a.page.on('dialog', (d) => d.accept());
  await a.page.getByLabel('I have checked there is no legal hold on this record.').check();
  await submit(a.page, 'Carry out the request');
  await expectPath(a.page, '/admin/erasure-requests', 'after carrying it out');
  assert.match(await a.page.getByRole('status').first().innerText(), /carried out/);
  await a.check('request carried out');
  await signOut(a.page);
  await a.finish();

  // The client can no longer sign in; the receipt code shows what was removed and kept.
  const again = await openJourney(browser, server, 'erasure-after');
  await signIn(again.page, person.email, server.password);
  await expectPath(again.page, '/login', 'the erased client\'s sign-in');
  assert.match(await again.page.locator('main').innerText(), /not right/);
  await again.goto('/erasure-receipt', 'receipt form');
  await fill(again.page, 'Receipt code', code);
  await submit(again.page, 'Show the receipt');
  const receipt = await again.page.locator('#receipt').innerText();
  assert.match(receipt, /Carried out; clinical record kept/);
  assert.match(receipt, /Clinical record kept until/);
  await again.check('the receipt');
  await again.finish();
});
