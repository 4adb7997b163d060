// Issue 15's browser journey, family access and observations, on one demo server whose clock
// is moved with libfaketime:
// - Jordan Lee (a demo client of Dr. Maya Okafor) adds a warning sign and ticks it in the
//   day's check-in, then invites their sister Sam from "Family and friends", granting warning
//   signs and observations;
// - Sam opens the link, makes an account, and the next day (the server's clock moved a day
//   on) reports the sign from her phone, by keyboard, with a short note;
// - Maya sees Sam's observation on Jordan's chart and the warning-signs alert counting it
//   ("reported by a family member"; two days in seven);
// - Jordan reads it on "What your family noticed", ends Sam's access, and Sam's next request
//   is refused.
// With UPDATE_SCREENSHOTS=1 the key pages are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  expectPath,
  fill,
  follow,
  keepScreenshot,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signInDemoStaff,
  signOut,
  submit,
} from '../lib/browser.mjs';
import { FAKETIME_LIB, startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';
const JORDAN = 'jordan.lee@demo.rapport.test';
const SIGN = 'Not answering messages';
const SAM = { name: 'Sam Lee', email: 'sam.lee@example.org', password: 'a long sister password 15' };
const NOTE = 'Jordan has not replied to anyone in the family group since Friday.';
const NEEDS_FAKETIME = existsSync(FAKETIME_LIB) ? false : `needs libfaketime at ${FAKETIME_LIB} (apt-get install -y faketime)`;

let server;
let browser;
let clockDir;
let clock;

before(async () => {
  if (NEEDS_FAKETIME) return;
  clockDir = await mkdtemp(join(tmpdir(), 'rapport-faketime-'));
  clock = join(clockDir, 'offset');
  server = await startDemoServer('family', { faketimeFile: clock });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (clockDir) await rm(clockDir, { recursive: true, force: true });
});

/** Goes to `path`, signing in again first if a clock move ended the session. */
async function gotoSignedIn(page, path, email, password) {
  await page.goto(path);
  if (pathOf(page) === '/login') {
    await signIn(page, email, password);
    await page.goto(path);
  }
  await expectPath(page, path.split(/[?#]/)[0], `going to ${path}`);
}

/** Jordan's check-in with the sign ticked; lands on /home. */
async function checkInWithSign(j, label) {
  const { page } = j;
  await gotoSignedIn(page, '/checkin', JORDAN, server.password);
  await page.locator('fieldset#mood').getByRole('radio', { name: '6', exact: true }).check();
  await fill(page, 'Hours slept last night', '7');
  await page.getByRole('radio', { name: 'Not prescribed', exact: true }).check();
  await page.getByRole('checkbox', { name: SIGN, exact: true }).check();
  await j.check(label);
  await submit(page, 'Save check-in');
  await expectPath(page, '/home', 'after the check-in');
}

test(
  'a sister invited with warning signs and observations reports a sign; the clinician sees it and the flag counts it; access ends at once',
  { timeout: 600_000, skip: NEEDS_FAKETIME },
  async () => {
    // Day 1: Jordan adds the sign, ticks it in the check-in, and invites Sam.
    const j = await openJourney(browser, server, 'family-client', { phone: true });
    const { page } = j;
    await signIn(page, JORDAN, server.password);
    await expectPath(page, '/home', 'Jordan signs in');
    await page.goto('/staying-well');
    await fill(page, 'A warning sign, in a few words', SIGN);
    await submit(page, 'Add the sign');
    await expectPath(page, '/staying-well', 'after adding the sign');
    await checkInWithSign(j, 'check-in day 1');

    await page.goto('/family');
    await j.check('family and friends, empty');
    await fill(page, 'Their name', SAM.name);
    await fill(page, 'Their e-mail address', SAM.email);
    await fill(page, 'Who they are to you', 'sister');
    await page.getByRole('checkbox', { name: /^Warning signs/ }).check();
    await page.getByRole('checkbox', { name: /^Tell the clinician/ }).check();
    await submit(page, 'Make an invitation link');
    await expectPath(page, '/family/invitations', 'after inviting (the link is shown once, not redirected to)');
    const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
    assert.match(link, /\/join\/[^/]+$/, `the invitation link: ${link}`);
    await j.check('the invitation link, shown once');
    await keepScreenshot(page, 'family-invitation-link', page.locator('#invitation-link'));

    // Sam opens the link on her phone and makes an account.
    const s = await openJourney(browser, server, 'family-sister', { phone: true });
    const sam = s.page;
    await sam.goto(new URL(link).pathname);
    await s.check('join by invitation');
    assert.match(await sam.locator('h1').innerText(), /Jordan invited you/);
    await fill(sam, 'Your name', SAM.name);
    await fill(sam, 'Your e-mail address', SAM.email);
    await fill(sam, 'Password', SAM.password);
    await submit(sam, 'Create my account');
    await expectPath(sam, '/home', 'Sam after joining');
    await s.check('family home');

    // Day 2 (the server's clock only): Sam reports the sign, by keyboard.
    await writeFile(clock, '+1d\n');
    await gotoSignedIn(sam, '/home', SAM.email, SAM.password);
    await follow(sam, 'Tell the clinician what you noticed');
    await expectPath(sam, /^\/family\/people\/[^/]+\/observations\/new$/, 'the observation form');
    const form = pathOf(sam);
    await s.check('observation form');
    const box = sam.getByRole('checkbox', { name: SIGN, exact: true });
    assert.ok(await box.isVisible(), `"${SIGN}" is not a labelled tick box`);
    const note = sam.getByLabel('A short note (optional)', { exact: true });
    assert.ok(await note.isVisible(), 'the note has no label');
    await box.focus();
    await sam.keyboard.press('Space');
    assert.ok(await box.isChecked(), 'Space did not tick the sign');
    await sam.keyboard.press('Tab');
    assert.ok(await note.evaluate((el) => el === document.activeElement), 'Tab from the sign does not reach the note');
    await sam.keyboard.type(NOTE);
    assert.match(await sam.locator('#note-count').innerText(), /characters left/);
    await sam.keyboard.press('Tab');
    assert.equal(await sam.evaluate(() => document.activeElement?.textContent?.trim()), 'Send', 'Tab from the note does not reach Send');
    await Promise.all([sam.waitForLoadState('load'), sam.keyboard.press('Enter')]);
    await sam.waitForSelector('#sent');
    assert.match(await sam.locator('#sent').innerText(), /Thank you — Jordan’s clinician will see this/);
    await s.check('observation sent');
    await keepScreenshot(sam, 'family-observation-sent');

    // Maya: the observation on Jordan's chart, and the flag counting it.
    const m = await openJourney(browser, server, 'family-clinician');
    await signInDemoStaff(m.page, MAYA, server.password);
    const row = m.page.locator('table.caseload tbody tr').filter({ hasText: 'Jordan Lee' });
    const chart = await row.getByRole('link', { name: 'Jordan Lee', exact: true }).getAttribute('href');
    await m.page.goto(`${chart}#observations`);
    const section = m.page.locator('#observations');
    const seen = await section.innerText();
    assert.match(seen, /Sam Lee \(sister\)/);
    assert.match(seen, new RegExp(SIGN));
    assert.match(seen, /has not replied to anyone/);
    await m.check('chart, family observations');
    await keepScreenshot(m.page, 'family-observations-chart', section);
    await m.page.goto('/alerts');
    const cards = m.page.locator('article.alert').filter({ hasText: 'Jordan Lee' }).filter({ hasText: /reported by a family member/ });
    assert.equal(await cards.count(), 1, 'no warning-signs alert about Jordan counting the family report');
    const alert = (await cards.first().innerText()).replace(/\s+/g, ' ');
    assert.match(alert, /own warning sign ticked on/, `the client's own day is not in the evidence: ${alert}`);
    assert.doesNotMatch(alert, /Sam/, 'the alert names the family member');
    await m.check('alert inbox, the flag counts the family report');
    await signOut(m.page);
    await m.finish();

    // Jordan reads it, then ends Sam's access.
    await gotoSignedIn(page, '/home', JORDAN, server.password);
    await follow(page, 'What your family noticed');
    await expectPath(page, '/observations', 'the home page link');
    assert.match(await page.locator('main').innerText(), /has not replied to anyone/);
    await j.check('what your family noticed');
    await page.goto('/family');
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: "End Sam Lee's access" }).click();
    await page.waitForLoadState('load');
    await expectPath(page, '/family', 'after ending access');
    await j.check('family and friends, access ended');
    await signOut(page);
    await j.finish();

    // Sam's next request is refused.
    const refused = await sam.goto(form);
    assert.ok([403, 404].includes(refused.status()), `Sam's form after the revoke answered ${refused.status()}`);
    await s.check('refused after the revoke');
    await s.finish();
  },
);
