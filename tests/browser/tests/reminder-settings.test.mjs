// Issue 16's reminder settings on a 390 px phone, on one demo server:
// - Alex Morgan opens Account → Notifications and reminders, chooses a daily check-in reminder
//   at 19:30 and quiet hours 22:00–07:00; a mistake (an end left empty) is shown on its field
//   with what he typed kept; he fixes it, saves, reloads and finds his choices kept;
// - the one-click unsubscribe link of his check-in e-mails (signed with a key derived from the
//   server's key file, computed here independently) opens without signing in, its one button
//   turns those e-mails off and says how to turn them on again; his settings then show them
//   off; an altered link gets a clear "does not work" page (400).
// With UPDATE_SCREENSHOTS=1 the pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectPath, fieldError, fill, follow, keepScreenshot, launchBrowser, openJourney, signIn, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const ALEX = 'alex.morgan@demo.rapport.test';

let server;
let browser;

before(async () => {
  server = await startDemoServer('reminder-settings');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Alex's account id, through the API. */
async function accountId(email, password) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(login.status, 200, 'API sign-in');
  const { token } = await login.json();
  const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return (await me.json()).id;
}

/**
 * The one-click unsubscribe path for `userId` and a kind's code (3: the daily check-in), as
 * docs/reminders.md describes it: base64url(user id bytes ‖ code ‖ HMAC-SHA256(secret,
 * "rapport/unsubscribe/v1" ‖ user id bytes ‖ code)), the secret SHA-256("rapport/derive/v1\0"
 * ‖ "unsubscribe" ‖ "\0" ‖ the first key of the key file).
 */
async function unsubscribePath(userId, code) {
  const text = await readFile(join(server.dataDir, 'rapport.key'), 'utf8');
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  const key = Buffer.from(line.split(/\s+/)[1], 'base64');
  const secret = createHash('sha256')
    .update(Buffer.from('rapport/derive/v1\0unsubscribe\0', 'utf8'))
    .update(key)
    .digest();
  const id = Buffer.from(userId.replace(/-/g, ''), 'hex');
  const mac = createHmac('sha256', secret)
    .update(Buffer.from('rapport/unsubscribe/v1', 'utf8'))
    .update(id)
    .update(Buffer.from([code]))
    .digest();
  return `/unsubscribe/${Buffer.concat([id, Buffer.from([code]), mac]).toString('base64url')}`;
}

test(
  'a client sets a check-in reminder and quiet hours that are kept, and a one-click unsubscribe link works without signing in',
  { timeout: 600_000 },
  async () => {
    const alex = await openJourney(browser, server, 'reminder-settings', { phone: true });
    const { page } = alex;
    await signIn(page, ALEX, server.password);
    await expectPath(page, '/home', 'Alex signs in');
    await page.goto('/account');
    await follow(page, 'Notifications and reminders');
    await expectPath(page, '/settings/notifications', 'from the account page');
    await alex.check('notification settings');
    assert.equal(await page.getByLabel('Quiet hours start').inputValue(), '21:00', 'default quiet hours');
    assert.equal(await page.getByLabel('Quiet hours end').inputValue(), '08:00');
    assert.equal(await page.getByLabel('Daily check-in reminder').inputValue(), '', 'no reminder until chosen');

    // A mistake: the end of the quiet hours left empty.
    await fill(page, 'Daily check-in reminder', '19:30');
    await fill(page, 'Quiet hours start', '22:00');
    await fill(page, 'Quiet hours end', '');
    await submit(page, 'Save settings');
    await alex.check('notification settings, an error');
    assert.match((await fieldError(page, 'Quiet hours end')).described, /time quiet hours end/);
    assert.equal(await page.getByLabel('Daily check-in reminder').inputValue(), '19:30', 'kept what was typed');
    assert.equal(await page.getByLabel('Quiet hours start').inputValue(), '22:00');

    await fill(page, 'Quiet hours end', '07:00');
    await submit(page, 'Save settings');
    await expectPath(page, '/settings/notifications', 'after Save settings');
    assert.match(await page.locator('.notice.success').innerText(), /saved/);
    await page.reload();
    await alex.check('notification settings, saved');
    assert.equal(await page.getByLabel('Daily check-in reminder').inputValue(), '19:30');
    assert.equal(await page.getByLabel('Quiet hours start').inputValue(), '22:00');
    assert.equal(await page.getByLabel('Quiet hours end').inputValue(), '07:00');
    assert.match(await page.locator('main').innerText(), /Next reminder: .*19:30/);
    assert.ok(await page.getByLabel('Time for your check-in').isChecked(), 'check-in e-mails on');
    await keepScreenshot(page, 'reminder-settings-phone');

    // The unsubscribe link from a check-in e-mail, opened in a browser that is not signed in.
    const path = await unsubscribePath(await accountId(ALEX, server.password), 3);
    const visitor = await openJourney(browser, server, 'reminder-unsubscribe', { phone: true });
    await visitor.page.goto(path);
    await visitor.check('unsubscribe');
    assert.match(await visitor.page.locator('main').innerText(), /Time for your check-in/);
    await submit(visitor.page, 'Unsubscribe');
    await visitor.check('unsubscribed');
    const done = await visitor.page.locator('main').innerText();
    assert.match(done, /no more e-mails/);
    assert.match(done, /Notifications and reminders/, 'says how to turn them on again');
    await keepScreenshot(visitor.page, 'reminder-unsubscribed-phone');

    // An altered link.
    const altered = path.slice(0, -4) + (path.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const answer = await visitor.page.goto(altered);
    assert.equal(answer.status(), 400, 'an altered link');
    await visitor.check('unsubscribe, altered link');
    assert.match(await visitor.page.locator('main').innerText(), /does not work/);
    await visitor.finish();

    // Alex's settings show the check-in e-mails off, everything else as he left it.
    await page.reload();
    assert.equal(await page.getByLabel('Time for your check-in').isChecked(), false, 'unsubscribed');
    assert.equal(await page.getByLabel('Daily check-in reminder').inputValue(), '19:30');
    await alex.finish();
  },
);
