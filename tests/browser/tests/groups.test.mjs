// Issue 15's group journey, on one demo server whose clock libfaketime moves:
// - Daniel Reyes creates a group (a first try without a name comes back with the error and
//   what he typed), and offers places to Riley Chen and Sam Patel from his caseload;
// - Riley sees the offer on her home and joins showing her first name; Sam joins hiding his;
// - Daniel schedules four weekly sessions with the members who joined;
// - each member sees the schedule; Sam sees "Riley", Riley sees no name at all (never Sam's);
// - two days later Daniel records attendance and a note about the group, and sees outcomes
//   (too few members for a share: the small-cell rule).
// Every page is checked with axe; with UPDATE_SCREENSHOTS=1 the key pages are saved to
// docs/screenshots/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, pathOf, signIn, signInDemoStaff, submit } from '../lib/browser.mjs';
import { FAKETIME_LIB, startDemoServer } from '../lib/server.mjs';

const NEEDS_FAKETIME = existsSync(FAKETIME_LIB) ? false : `needs libfaketime at ${FAKETIME_LIB} (apt-get install -y faketime)`;

const DANIEL = 'daniel.reyes@demo.rapport.test';
const SAM = 'sam.patel@demo.rapport.test';
const RILEY = 'riley.chen@demo.rapport.test';
const GROUP = 'Low mood, small steps';
const PLACE = 'Group room, 2nd floor, 14 Elm Street';
const NOTE = 'We practised spotting thinking traps in pairs; the group agreed on a shared weekly goal.';

let server;
let browser;
let clockDir;
let clock;

before(async () => {
  if (NEEDS_FAKETIME) return;
  clockDir = await mkdtemp(join(tmpdir(), 'rapport-faketime-'));
  clock = join(clockDir, 'offset');
  server = await startDemoServer('groups', { faketimeFile: clock });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (clockDir) await rm(clockDir, { recursive: true, force: true });
});

/** Tomorrow at 10:00 on this machine's clock, as a datetime-local input takes it. */
function tomorrowAtTen() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

async function join_(page, show) {
  await page.getByRole('radio', { name: show ? 'Yes, show my first name' : 'No, keep my name hidden' }).check();
  await submit(page, 'Join the group');
}

test('a clinician runs a group; members join, see the schedule and only the names shown', { skip: NEEDS_FAKETIME, timeout: 600_000 }, async () => {
  // Daniel creates the group; the form keeps what he typed when it comes back.
  const d = await openJourney(browser, server, 'groups-leader');
  await signInDemoStaff(d.page, DANIEL, server.password);
  await d.goto('/groups', 'groups');
  await fill(d.page, 'When it meets', 'Tuesdays 17:30–19:00');
  await fill(d.page, 'Places', '8');
  await fill(d.page, 'Weeks', '8');
  await submit(d.page, 'Create the group');
  await d.check('group form with an error');
  assert.match(await d.page.locator('.error-summary').innerText(), /name/i);
  assert.equal(await d.page.locator('#schedule').inputValue(), 'Tuesdays 17:30–19:00', 'what was typed is kept');
  await fill(d.page, 'Name', GROUP);
  await fill(d.page, 'Who it is for (optional)', 'Adults with mild to moderate depression.');
  await submit(d.page, 'Create the group');
  assert.match(pathOf(d.page), /^\/groups\/[0-9a-f-]{36}$/);
  const groupPath = pathOf(d.page);
  await d.check('new group');
  for (const name of ['Riley Chen', 'Sam Patel']) {
    await d.page.getByLabel('Offer a place to a client on your caseload').selectOption({ label: name });
    await submit(d.page, 'Offer a place');
    await expectPath(d.page, groupPath, `offering ${name} a place`);
  }
  const members = await d.page.locator('#members').innerText();
  assert.match(members, /Riley Chen/);
  assert.match(members, /Offered, waiting for an answer/);

  // Riley sees the offer on her home and joins, showing her first name.
  const r = await openJourney(browser, server, 'groups-riley', { phone: true });
  await signIn(r.page, RILEY, server.password);
  await r.goto('/home', 'riley home with the offer');
  assert.match(await r.page.locator('main').innerText(), /You are offered a place in a group/);
  await r.page.getByRole('link', { name: 'See the group and decide' }).click();
  await expectPath(r.page, groupPath, 'the offer');
  await r.check('the offer');
  await keepScreenshot(r.page, 'group-offer');
  await join_(r.page, true);
  await r.check('riley joined');

  // Sam joins, hiding his name.
  const s = await openJourney(browser, server, 'groups-sam', { phone: true });
  await signIn(s.page, SAM, server.password);
  await s.goto(groupPath, 'sam offer');
  await join_(s.page, false);
  await s.check('sam joined');

  // Daniel schedules four weekly sessions with the members who joined.
  await d.goto(groupPath, 'both joined');
  await d.page.getByLabel('First session (your time)').fill(tomorrowAtTen());
  await d.page.getByLabel('Weekly sessions').fill('4');
  await d.page.getByLabel('Place or meeting link').fill(PLACE);
  await d.page.getByRole('checkbox', { name: 'Book anyway if it overlaps another session' }).check();
  await submit(d.page, 'Schedule with the members who joined');
  await expectPath(d.page, groupPath, 'scheduling');
  assert.equal(await d.page.locator('.group-session').count(), 4);

  // Each member sees the schedule; Sam sees Riley's first name, Riley sees no name.
  await s.goto(groupPath, 'sam sees the group');
  let text = await s.page.locator('main').innerText();
  assert.match(text, new RegExp(PLACE));
  assert.equal(await s.page.locator('#group-sessions li').count(), 4);
  assert.equal((await s.page.locator('#first-names').innerText()).trim(), 'Riley');
  assert.ok(!text.includes('Riley Chen'), 'a full name reached a member');
  await keepScreenshot(s.page, 'group-member');
  await r.goto(groupPath, 'riley sees the group');
  const html = await r.page.content();
  for (const needle of ['Sam Patel', 'Patel', '>Sam<', 'Offered', 'Attended', 'Did not attend']) {
    assert.ok(!html.includes(needle), `Riley's group page shows ${needle}`);
  }
  assert.match(await r.page.locator('main').innerText(), /No other member has chosen to show their name/);
  await r.finish();
  await s.finish();
  await d.finish();

  // Two days on: Daniel records attendance and a note about the group, and sees outcomes.
  await writeFile(clock, '+2d\n');
  const later = await openJourney(browser, server, 'groups-leader-later');
  await signInDemoStaff(later.page, DANIEL, server.password);
  await later.goto(groupPath, 'after the first session');
  const first = later.page.locator('.group-session').first();
  await first.getByLabel('Riley Chen').selectOption('attended');
  await first.locator('form', { has: later.page.getByLabel('Riley Chen') }).getByRole('button', { name: 'Save' }).click();
  await expectPath(later.page, groupPath, 'attendance');
  await later.page.locator('.group-session').first().getByLabel('Sam Patel').selectOption('no_show');
  await later.page.locator('.group-session').first().locator('form', { has: later.page.getByLabel('Sam Patel') }).getByRole('button', { name: 'Save' }).click();
  await expectPath(later.page, groupPath, 'attendance');
  await later.page.locator('.group-session').first().getByLabel('Note about the group').fill(NOTE);
  await later.page.locator('.group-session').first().getByRole('button', { name: 'Save the group note' }).click();
  await expectPath(later.page, groupPath, 'the group note');
  await later.check('attendance and note');
  text = await later.page.locator('main').innerText();
  assert.match(text, /The group note is saved/);
  assert.equal(await later.page.locator('.group-session').first().getByLabel('Note about the group').inputValue(), NOTE);
  assert.match(text, /Did not attend/);
  const outcomes = await later.page.locator('#outcomes').innerText();
  assert.match(outcomes, /Riley Chen/);
  assert.match(outcomes, /Sam Patel/);
  assert.match(await later.page.locator('#share').innerText(), /Not shown|No member/);
  await keepScreenshot(later.page, 'group-leader');
  await keepScreenshot(later.page, 'group-outcomes', later.page.locator('#outcomes'));
  await later.finish();
});
