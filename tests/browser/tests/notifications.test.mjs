// The notification centre and e-mail of notices, against a real SMTP server on loopback: an
// administrator adds a clinician to a client's care team; the client sees the badge, opens
// the notice ("Someone joined your care team"), and the badge goes; the mail that reached the
// sink says only that there is a notice. The administrator sees the jobs and deliveries.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';
import { body, header, startSmtpSink, wordsOfBody } from '../lib/smtp.mjs';

let server;
let browser;
let sink;

const ADMIN = 'admin@demo.rapport.test';
const CLIENT = 'alex.morgan@demo.rapport.test';

before(async () => {
  sink = await startSmtpSink();
  // `rapport demo` reads these from the environment it inherits.
  process.env.RAPPORT_SMTP_URL = sink.url;
  process.env.RAPPORT_MAIL_FROM = 'Rapport <notices@demo.rapport.test>';
  server = await startDemoServer('notifications');
  delete process.env.RAPPORT_SMTP_URL;
  delete process.env.RAPPORT_MAIL_FROM;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

/** The navigation's "Notices" link and the unread count its accessible name gives. */
async function badge(page) {
  // On a phone the places fold into "Menu": open it.
  const menu = page.locator('details.nav-menu');
  if ((await menu.isVisible()) && !(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  const link = page.getByRole('link', { name: /^Notices, \d+ unread$/ });
  assert.equal(await link.count(), 1, 'one "Notices, N unread" link in the navigation');
  const name = await link.getAttribute('aria-label');
  return Number(name.match(/(\d+) unread/)[1]);
}

/** The mails to `to` once the sink has been quiet for 3 seconds (the demo's own notices, given
 *  while it was made, are mailed by the job runner in its first seconds). */
async function settledMailsTo(to) {
  let last = -1;
  for (;;) {
    const n = sink.messages().length;
    if (n === last) break;
    last = n;
    await new Promise((r) => setTimeout(r, 3000));
  }
  return sink.messages().filter((m) => (header(m, 'To') || '').includes(to));
}

test('a client whose care team grows sees the notice, opens it, and the badge goes; the mail carries nothing else', { timeout: 300_000 }, async () => {
  // Care-team news waits out the client's quiet hours (docs/reminders.md): Alex turns them off
  // first, or the journey would pass or fail by the time of day.
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: CLIENT, password: server.password }),
  });
  assert.equal(login.status, 200);
  const { token } = await login.json();
  const quiet = await fetch(`${server.url}/api/v1/me/notification-preferences`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ quiet_start: '', quiet_end: '' }),
  });
  assert.equal(quiet.status, 200, await quiet.text());
  const earlier = (await settledMailsTo(CLIENT)).length;
  // The administrator adds a clinician to Alex's care team (the first one not on it yet).
  const a = await openJourney(browser, server, 'notifications-admin');
  await signInDemoStaff(a.page, ADMIN, server.password);
  // The client is found by search, not picked from a list of every client.
  const search = `/admin/care-teams?client_q=${encodeURIComponent(CLIENT)}`;
  await a.page.goto(search);
  const clientValue = await a.page.locator('input[name="client_id"]').first().getAttribute('value');
  const clinicians = await a.page.locator('input[name="clinician_id"]').evaluateAll((is) => is.map((i) => i.value));
  let added = false;
  for (const clinician of clinicians) {
    await a.page.goto(search);
    await a.page.locator(`input[name="client_id"][value="${clientValue}"]`).check();
    await a.page.locator(`input[name="clinician_id"][value="${clinician}"]`).check();
    await a.page.selectOption('#team_role', 'co_therapist');
    await submit(a.page, 'Add to care team');
    if (new URL(a.page.url()).search.includes('done=team')) {
      added = true;
      break;
    }
  }
  assert.ok(added, 'no clinician could be added to the client\'s care team');

  // The mail reaches the sink; it says only that there is a notice.
  const deadline = Date.now() + 60_000;
  let mine = [];
  while (mine.length <= earlier && Date.now() < deadline) {
    mine = sink.messages().filter((m) => (header(m, 'To') || '').includes(CLIENT));
    await new Promise((r) => setTimeout(r, 200));
  }
  await new Promise((r) => setTimeout(r, 2000));
  mine = sink.messages().filter((m) => (header(m, 'To') || '').includes(CLIENT)).slice(earlier);
  assert.equal(mine.length, 1, `one new mail to ${CLIENT}`);
  assert.equal(header(mine[0], 'Subject'), 'You have a new notice in Rapport');
  assert.match(body(mine[0]), new RegExp(`${server.url}/notifications`));
  assert.doesNotMatch(wordsOfBody(mine[0]), /Alex|Morgan|care team|joined|therap|PHQ|safety|flag|suicid|self-harm|depress|crisis/i);

  // The administrator's view of the jobs and deliveries.
  await a.goto('/admin/jobs', 'jobs and deliveries');
  const text = await a.page.locator('main').innerText();
  assert.match(text, /E-mail is on/);
  assert.match(text, /accepted/);
  assert.match(text, /250/);
  assert.doesNotMatch(text, /joined|care team/i, 'the deliveries show no notice content');
  await keepScreenshot(a.page, 'admin-jobs');
  await signOut(a.page);
  await a.finish();

  // The client: the badge, the centre, opening the notice.
  const c = await openJourney(browser, server, 'notifications-client', { phone: true });
  await signIn(c.page, CLIENT, server.password);
  await expectPath(c.page, '/home', 'the client after signing in');
  const before = await badge(c.page);
  assert.ok(before >= 1, 'the badge counts the new notice');
  assert.ok(await c.page.locator('.notices-link .badge').filter({ visible: true }).count() === 1, 'the badge is shown');
  assert.match(await c.page.locator('details.nav-menu > summary').innerText(), /Menu\s+\d+/, 'the folded menu shows the count too');
  await c.page.getByRole('link', { name: /^Notices, / }).filter({ visible: true }).click();
  await expectPath(c.page, '/notifications', 'the notification centre');
  await c.check('notification centre with an unread notice');
  await keepScreenshot(c.page, 'notifications');
  const item = c.page.locator('.notice-list li.unread').first();
  assert.match(await item.innerText(), /Someone joined your care team/);
  await item.getByRole('button', { name: 'Someone joined your care team' }).click();
  await expectPath(c.page, '/home', 'the notice leads to the care team');
  assert.equal(await badge(c.page), before - 1, 'opening the notice marks it read');
  await c.check('home after opening the notice');
  if (before > 1) {
    await c.goto('/notifications', 'centre before marking all read');
    await submit(c.page, 'Mark all read');
  }
  await c.goto('/notifications', 'centre with everything read');
  assert.equal(await badge(c.page), 0);
  assert.equal(await c.page.locator('.notices-link .badge').count(), 0, 'no badge once all is read');
  assert.equal(await c.page.locator('.notice-list li.unread').count(), 0);
  await signOut(c.page);
  await c.finish();
});

test('a safety flag reaches the care team by e-mail at once, and the mail says nothing of it', { timeout: 120_000 }, async () => {
  const already = sink.messages().length;
  const post = async (path, json, token) => {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(json) });
    return { status: r.status, json: await r.json().catch(() => null) };
  };
  // Alex answers the PHQ-9 with item 9 = 2.
  const login = await post('/api/v1/auth/login', { email: CLIENT, password: server.password });
  assert.equal(login.status, 200, JSON.stringify(login.json));
  const answers = [1, 1, 1, 1, 1, 1, 1, 1, 2];
  const sent = await post('/api/v1/measures', { instrument: 'phq9', answers }, login.json.token);
  assert.equal(sent.status, 201, JSON.stringify(sent.json));
  assert.ok(JSON.stringify(sent.json).includes('safety'), 'the answer raised a safety flag');

  // The care team's mail reaches the sink within seconds (critical notices ignore quiet hours).
  const mails = (await sink.waitFor(already + 1, 60_000)).slice(already);
  const staff = mails.filter((m) => !(header(m, 'To') || '').includes(CLIENT));
  assert.ok(staff.length >= 1, `a mail to the care team; new mails: ${mails.length}`);
  for (const m of staff) {
    assert.equal(header(m, 'Subject'), 'You have a new notice in Rapport');
    assert.match(body(m), new RegExp(`${server.url}/notifications`));
    assert.doesNotMatch(body(m), /Alex|Morgan|PHQ|safety|flag|suicid|self-harm|harm|depress|crisis|score|alert/i);
  }
});
