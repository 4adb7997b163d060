// A person finds Rapport on their phone, creates an account, looks around, signs out and
// back in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  expectPath,
  expectSignedOut,
  field,
  fieldError,
  fill,
  follow,
  heading,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signOut,
  submit,
} from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const GENERIC_LOGIN_ERROR = 'E-mail address or password is not right.';

/**
 * The sign-up form may ask for consent with a checkbox (not part of the pages' contract):
 * a person ticks every box of the form. Says so once.
 */
async function tickAgreements(page) {
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    if (!(await box.isChecked())) {
      const name = (await box.evaluate((el) => el.labels?.[0]?.textContent || el.name)).replace(/\s+/g, ' ').trim();
      if (!tickAgreements.told) console.log(`note: /signup has a checkbox, ticked: "${name}"`);
      tickAgreements.told = true;
      await box.check();
    }
  }
}

let server;
let browser;

before(async () => {
  server = await startDemoServer('client');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a client signs up on a phone, sees their home and the crisis page, signs out and in', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'client-phone', { phone: true });
  const { page } = j;
  const person = { name: 'Ana Lima', email: `ana.${Date.now()}@example.org`, password: 'green kettle morning' };

  await j.goto('/', 'home page');
  assert.ok((await page.getByRole('link', { name: 'Sign in', exact: true }).count()) >= 1, '/: no "Sign in" link');

  await follow(page, 'Create an account');
  await expectPath(page, '/signup', '"Create an account"');
  await j.check('sign-up form');

  // First try: a password that is too short.
  await fill(page, 'Your name', person.name);
  await fill(page, 'E-mail address', person.email);
  const password = await field(page, 'Password');
  await password.fill('short');
  await tickAgreements(page);
  const clientSide = await password.evaluate((el) => ({ valid: el.checkValidity(), message: el.validationMessage }));
  if (!clientSide.valid) {
    // The browser itself stops the form (e.g. minlength); it must say why. Then check the
    // server's own answer too, as a browser without that check would get it.
    assert.ok(clientSide.message.length > 0, 'the browser blocks the short password without a message');
    await page.locator('form:has(input[type="password"])').evaluate((form) => {
      form.noValidate = true;
    });
  }
  await submit(page, 'Create account');
  assert.notEqual(pathOf(page), '/home', 'a 5-character password was accepted');
  await j.check('sign-up error too-short password');
  const error = await fieldError(page, 'Password');
  const shown = error.described || error.around;
  assert.ok(shown.length > 0, 'no error message is shown next to the password field');
  if (!error.described) console.log(`note: the password error "${shown}" is not tied to the field with aria-describedby`);
  assert.equal(await (await field(page, 'Your name')).inputValue(), person.name, 'the name typed was not kept');
  assert.equal(await (await field(page, 'E-mail address')).inputValue(), person.email, 'the e-mail typed was not kept');

  // Second try: a good password.
  await fill(page, 'Password', person.password);
  await tickAgreements(page);
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');
  assert.match(await heading(page), /Welcome/, 'home h1');
  assert.ok(
    (await page.getByRole('heading', { name: 'Your care team' }).count()) >= 1,
    '/home: no section headed "Your care team"',
  );
  await j.check('client home after sign-up');

  await follow(page, 'Crisis help');
  await expectPath(page, '/crisis', '"Crisis help"');
  assert.equal(await heading(page), 'If you are in crisis');
  const crisisText = await page.locator('body').innerText();
  assert.match(crisisText, /\b988\b/, '/crisis does not show 988');
  assert.match(crisisText, /\b911\b/, '/crisis does not show 911');
  await j.check('crisis page signed in');

  await page.goto('/home');
  await signOut(page);
  await j.check('after sign-out');
  await expectSignedOut(page);
  await j.check('login page');

  await signIn(page, person.email, person.password);
  await expectPath(page, '/home', 'a client signing in again');
  assert.match(await heading(page), /Welcome/);
  await j.check('client home after sign-in');
  await signOut(page);
  await expectSignedOut(page);

  await j.finish();
});

test('a wrong password or unknown address gets the one generic message', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'client-wrong-password', { phone: true });
  const { page } = j;
  const client = server.account('client');

  await signIn(page, client.email, `${client.password}-not`);
  assert.equal(pathOf(page), '/login', 'a wrong password left the login page');
  assert.ok(
    (await page.getByText(GENERIC_LOGIN_ERROR, { exact: true }).count()) >= 1,
    `wrong password: no "${GENERIC_LOGIN_ERROR}"`,
  );
  const kept = await (await field(page, 'E-mail address')).inputValue();
  if (kept !== client.email) console.log(`note: /login after a wrong password does not keep the e-mail typed (has ${JSON.stringify(kept)})`);
  await j.check('login wrong password');

  await signIn(page, 'nobody-here@example.org', 'green kettle morning');
  assert.equal(pathOf(page), '/login', 'an unknown address left the login page');
  assert.ok(
    (await page.getByText(GENERIC_LOGIN_ERROR, { exact: true }).count()) >= 1,
    `unknown address: no "${GENERIC_LOGIN_ERROR}"`,
  );
  await j.check('login unknown address');

  // The demo client's real password works (and so the generic message was about the password).
  await signIn(page, client.email, client.password);
  await expectPath(page, '/home', 'the demo client signing in');
  assert.match(await heading(page), /Welcome/);
  await j.check('demo client home');
  await signOut(page);

  await j.finish();
});
