// A clinician account made by an administrator on the command line: first sign-in turns on
// two-step sign-in (TOTP), later sign-ins ask for the code. And the demo's staff sign-in
// with the code the demo login page shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  expectPath,
  expectSignedOut,
  fill,
  heading,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signOut,
  submit,
} from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';
import { freshCode, waitForRoomInStep } from '../lib/totp.mjs';

const CODE_LABEL = 'Code from your authenticator app';

let server;
let browser;

before(async () => {
  server = await startDemoServer('clinician');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a new clinician enrols in two-step sign-in and signs in with a code', { timeout: 300_000 }, async () => {
  const clinician = {
    role: 'clinician',
    name: 'Dr Rui Costa',
    email: `rui.costa.${Date.now()}@example.org`,
    password: 'quiet harbour lantern',
  };
  await server.createUser(clinician);

  const j = await openJourney(browser, server, 'clinician-enrol');
  const { page } = j;

  await page.goto('/login');
  await j.check('login page');
  await signIn(page, clinician.email, clinician.password);
  await expectPath(page, '/totp/enroll', 'a clinician without TOTP signing in');
  await j.check('totp enrolment');

  const qr = page.locator('svg[role="img"]');
  assert.ok((await qr.count()) >= 1, '/totp/enroll: no QR code (<svg role="img">)');
  assert.ok(await qr.first().isVisible(), '/totp/enroll: the QR code is not visible');
  const secretText = await page.locator('#totp-secret').innerText();
  const secret = secretText.replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]+=*$/i, `#totp-secret is not base32: ${JSON.stringify(secretText)}`);
  assert.ok(secret.replace(/=/g, '').length >= 16, `#totp-secret is short (${secret.length} characters: fewer than 80 bits)`);

  // A wrong code first: enrolment must not go through.
  await fill(page, CODE_LABEL, '000000');
  const firstTry = await freshCode(secret);
  if (firstTry.code !== '000000') {
    await submit(page, 'Turn on two-step sign-in');
    assert.equal(pathOf(page), '/totp/enroll', 'a wrong code turned on two-step sign-in');
    await j.check('totp enrolment wrong code');
  }

  const enrolled = await freshCode(secret);
  await fill(page, CODE_LABEL, enrolled.code);
  await submit(page, 'Turn on two-step sign-in');
  await expectPath(page, '/home', 'after turning on two-step sign-in');
  assert.equal(await heading(page), 'Your clients');
  await j.check('clinician home after enrolment');

  await signOut(page);
  await expectSignedOut(page);

  // Sign in again: the password, then a code (from a later time step than the one used).
  await signIn(page, clinician.email, clinician.password);
  await expectPath(page, '/login/totp', 'an enrolled clinician signing in');
  await j.check('login second step');
  const again = await freshCode(secret, { afterStep: enrolled.step });
  await fill(page, CODE_LABEL, again.code);
  await submit(page, 'Verify');
  await expectPath(page, '/home', 'after the code');
  assert.equal(await heading(page), 'Your clients');
  await j.check('clinician home after sign-in');
  await signOut(page);
  await expectSignedOut(page);

  await j.finish();
});

/** Reads the current 6-digit code for `email` from the demo login page's table of accounts. */
async function demoCodeFor(page, email) {
  await waitForRoomInStep(5);
  await page.goto('/login');
  const tables = page.getByRole('table');
  assert.ok((await tables.count()) >= 1, '/login in a demo: no table of demo accounts');
  const row = tables.getByRole('row').filter({ hasText: email });
  assert.ok((await row.count()) >= 1, `/login in a demo: no row for ${email} in the table of demo accounts`);
  const text = (await row.first().innerText()).replace(email, ' ');
  const code = text.match(/(?<!\d)(\d{3})\s?(\d{3})(?!\d)/);
  assert.ok(code, `/login in a demo: no 6-digit code in the row for ${email}: ${JSON.stringify(text)}`);
  return code[1] + code[2];
}

test('a demo clinician signs in with the code shown on the demo login page', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'clinician-demo');
  const { page } = j;
  const clinician = server.account('clinician');

  const code = await demoCodeFor(page, clinician.email);
  await j.check('demo login page with codes');
  await signIn(page, clinician.email, clinician.password);
  await expectPath(page, '/login/totp', 'a demo clinician signing in');
  await fill(page, CODE_LABEL, code);
  await submit(page, 'Verify');
  await expectPath(page, '/home', 'a demo clinician after the code');
  assert.equal(await heading(page), 'Your clients');
  const main = page.getByRole('main');
  const scope = (await main.count()) >= 1 ? main.first() : page.locator('body');
  const items = await scope.getByRole('listitem').count();
  const rows = await scope.getByRole('row').filter({ has: page.getByRole('cell') }).count();
  assert.ok(items + rows >= 1, 'the demo clinician\'s "Your clients" lists no client (no list item or table row)');
  await j.check('demo clinician home');
  await signOut(page);

  await j.finish();
});

test('a demo administrator signs in with the shown code and sees Administration', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'admin-demo');
  const { page } = j;
  const admin = server.account('admin');

  const code = await demoCodeFor(page, admin.email);
  await signIn(page, admin.email, admin.password);
  await expectPath(page, '/login/totp', 'the demo administrator signing in');
  await j.check('login second step');
  await fill(page, CODE_LABEL, code);
  await submit(page, 'Verify');
  await expectPath(page, '/home', 'the demo administrator after the code');
  assert.equal(await heading(page), 'Administration');
  await j.check('admin home');
  await signOut(page);

  await j.finish();
});
