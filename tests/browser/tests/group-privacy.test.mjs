// Issue 11, part 3: privacy inside a group session, in the browser. In the demo's staying-well
// group (Daniel Reyes with Sam Patel, Riley Chen and Taylor Brooks), Sam asks for another
// time with a private reason; Riley, another member, sees the group's time, place and
// clinician, never Sam's name or reason; Daniel, on every member's care team, sees the request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fill, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const DANIEL = 'daniel.reyes@demo.rapport.test';
const SAM = 'sam.patel@demo.rapport.test';
const RILEY = 'riley.chen@demo.rapport.test';
const REASON = 'My hearing at the Marchbank family court was moved to that evening';
const PLACE = 'Group room, 14 Elm Street';

let server;
let browser;

before(async () => {
  server = await startDemoServer('group-privacy');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a group member never sees another member\'s name or request', { timeout: 300_000 }, async () => {
  // Sam asks for another time for the coming group session.
  const s = await openJourney(browser, server, 'group-privacy-sam', { phone: true });
  await signIn(s.page, SAM, server.password);
  await s.goto('/sessions', 'sam sessions');
  const card = s.page.locator('article').filter({ hasText: PLACE }).first();
  assert.ok(await card.isVisible(), 'no group session in Sam\'s list');
  const action = await card.locator('form[action$="/reschedule-request"]').getAttribute('action');
  const sessionPath = action.replace(/\/reschedule-request$/, '');
  await card.getByText('Ask for another time').click();
  await fill(s.page, 'Why another time?', REASON);
  await submit(s.page, 'Send the request');
  await s.check('sam asked');
  assert.match(await s.page.locator('main').innerText(), /Marchbank/);
  await signOut(s.page);
  await s.finish();

  // Riley, in the same group: the list, the session page and the home page.
  const r = await openJourney(browser, server, 'group-privacy-riley', { phone: true });
  await signIn(r.page, RILEY, server.password);
  for (const [path, label] of [['/home', 'riley home'], ['/sessions', 'riley sessions'], [sessionPath, 'riley group session']]) {
    await r.goto(path, label);
    const text = await r.page.content();
    for (const needle of ['Sam Patel', 'Taylor Brooks', 'Marchbank', 'hearing']) {
      assert.ok(!text.includes(needle), `${label} shows ${needle}`);
    }
  }
  const page = await r.page.locator('main').innerText();
  assert.match(page, /Group room, 14 Elm Street/);
  assert.match(page, /Daniel Reyes/);
  assert.match(page, /You and 2 others/);
  assert.equal(await r.page.locator('form[action$="/attendance"], form[action$="/cancel"]').count(), 0, 'clinician forms on a client\'s page');
  await signOut(r.page);
  await r.finish();

  // Daniel, on every member's care team, sees who asked and why.
  const d = await openJourney(browser, server, 'group-privacy-daniel');
  await signInDemoStaff(d.page, DANIEL, server.password);
  await d.goto(sessionPath, 'daniel group session');
  const his = await d.page.locator('main').innerText();
  assert.match(his, /Sam Patel/);
  assert.match(his, /Riley Chen/);
  assert.match(his, /Marchbank/);
  assert.match(his, /A client asked for another time/);
  await signOut(d.page);
  await d.finish();
});
